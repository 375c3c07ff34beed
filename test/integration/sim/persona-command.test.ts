// `inferload sim --as vllm|ollama` and the bundled entry point take the real servers' command lines and env.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const fixture = fileURLToPath(new URL('./fixtures/sim-command.ts', import.meta.url));
const entry = fileURLToPath(new URL('../../../src/sim/sim-main.ts', import.meta.url));

function run(argv: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', ...argv], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, exited, output: () => ({ stdout, stderr }) };
}

async function waitForUrl(read: () => { stdout: string }): Promise<string> {
  for (let i = 0; i < 400; i++) {
    const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(read().stdout);
    if (match?.[1]) return match[1];
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('sim did not print its URL');
}

describe('inferload sim --as', () => {
  it("vllm: takes vLLM's flags, notes the ignored ones, serves /v1/models and stops on SIGTERM", async () => {
    const sim = run([
      fixture,
      'sim',
      '--as',
      'vllm',
      '/models/x',
      '--port',
      '0',
      '-tp',
      '2',
      '--max-num-seqs',
      '3',
      '--swap-space',
      '4',
    ]);
    try {
      const url = await waitForUrl(sim.output);
      const models = (await (await fetch(`${url}/v1/models`)).json()) as { data: { id: string }[] };
      assert.equal(models.data[0]?.id, '/models/x');
      assert.match(sim.output().stdout, /as vllm, model \/models\/x, 3 slots x 1 replicas, tp 2/);
      assert.match(sim.output().stderr, /note: ignored --swap-space 4/);
      sim.child.kill('SIGTERM');
      assert.equal((await sim.exited)[0], 0);
    } finally {
      sim.child.kill('SIGKILL');
    }
  });

  it("vllm: a bad value exits 2 with argparse's message", async () => {
    const sim = run([fixture, 'sim', '--as', 'vllm', 'm', '--max-num-seqs', 'x']);
    assert.equal((await sim.exited)[0], 2);
    assert.match(sim.output().stderr, /argument --max-num-seqs: invalid int value: 'x'/);
  });

  it('ollama: `serve` with OLLAMA_HOST and OLLAMA_NUM_PARALLEL from the environment', async () => {
    const sim = run([fixture, 'sim', '--as', 'ollama', 'serve'], {
      OLLAMA_HOST: '127.0.0.1:0',
      OLLAMA_NUM_PARALLEL: '2',
    });
    try {
      const url = await waitForUrl(sim.output);
      assert.equal(await (await fetch(url)).text(), 'Ollama is running');
      assert.match(sim.output().stdout, /as ollama, model sim-model, 2 slots/);
    } finally {
      sim.child.kill('SIGKILL');
    }
  });

  it('refuses an unknown persona, and unknown options without one', async () => {
    const persona = run([fixture, 'sim', '--as', 'tgi']);
    assert.equal((await persona.exited)[0], 2);
    assert.match(persona.output().stderr, /--as: expected one of llamacpp, vllm, ollama, got 'tgi'/);
    const plain = run([fixture, 'sim', '--port', '0', '--max-num-seqs', '3']);
    assert.equal((await plain.exited)[0], 2);
    assert.match(plain.output().stderr, /unknown option or argument '--max-num-seqs'/);
  });

  it("the images' entry point (sim-main) serves as vLLM the same way", async () => {
    const sim = run([entry, '--as', 'vllm', 'm', '--port', '0']);
    try {
      const url = await waitForUrl(sim.output);
      assert.equal((await fetch(`${url}/health`)).status, 200);
      sim.child.kill('SIGTERM');
      assert.equal((await sim.exited)[0], 0);
    } finally {
      sim.child.kill('SIGKILL');
    }
  });
});
