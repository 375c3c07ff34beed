import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const fixture = fileURLToPath(new URL('./fixtures/sim-command.ts', import.meta.url));

function runSim(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, 'sim', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, exited, output: () => ({ stdout, stderr }) };
}

async function waitForUrl(read: () => { stdout: string }): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(read().stdout);
    if (match?.[1]) return match[1];
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('sim did not print its URL');
}

describe('inferload sim', () => {
  it('prints its loopback URL, serves, and closes cleanly on SIGTERM', async () => {
    const sim = runSim([
      '--port',
      '0',
      '--seed',
      '3',
      '--slots',
      '2',
      '--decode-ms',
      '1',
      '--fault-rate',
      'html=0',
    ]);
    try {
      const url = await waitForUrl(sim.output);
      assert.deepEqual(await (await fetch(`${url}/health`)).json(), { status: 'ok' });
      const props = (await (await fetch(`${url}/props`)).json()) as { total_slots: number };
      assert.equal(props.total_slots, 2);
      sim.child.kill('SIGTERM');
      const [code] = await sim.exited;
      assert.equal(code, 0);
      assert.match(sim.output().stdout, /stopped \(SIGTERM\)/);
    } finally {
      sim.child.kill('SIGKILL');
    }
  });

  it('fails with a message naming the bad option', async () => {
    const sim = runSim(['--slots', '0']);
    const [code] = await sim.exited;
    assert.equal(code, 2);
    assert.match(sim.output().stderr, /--slots: expected an integer from 1 to 4096, got '0'/);
    const faults = runSim(['--port', '0', '--fault-rate', 'boom=1']);
    assert.equal((await faults.exited)[0], 2);
    assert.match(faults.output().stderr, /unknown fault 'boom'/);
  });
});
