// The simulator images built with the real podman and run as vLLM's and Ollama's containers would be.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { createPodmanTestEnv, podmanSkipReason, type PodmanTestEnv } from '../../helpers/podman-env.ts';
import { findFreePort } from '../../../src/local/free-port.ts';
import { ensureSimImage, SIM_OLLAMA_IMAGE, SIM_VLLM_IMAGE } from '../../../src/podman/sim-image.ts';
import { createLocalSession } from '../../../src/remote/local-session.ts';
import type { RemoteSession } from '../../../src/remote/session.ts';
import { postJson, readNdjson, readSse, tryParse } from '../sim/stream-reader.ts';

const skip = process.env['CI'] ? false : (podmanSkipReason() ?? false);

/** Waits until `url` answers 200, or fails with the container's log. */
async function waitHealthy(session: RemoteSession, url: string, container: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    const status = await fetch(url).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await delay(250);
  }
  const logs = await session.exec(['podman', 'logs', container]);
  throw new Error(`${container} never answered ${url}: ${logs.stdout}${logs.stderr}`);
}

describe('the simulator images in podman', { skip, timeout: 180_000 }, () => {
  const tag = `test-${process.pid}`;
  const images = { vllm: `${SIM_VLLM_IMAGE}-${tag}`, ollama: `${SIM_OLLAMA_IMAGE}-${tag}` };
  const containers = [`inferload-sim-vllm-${tag}`, `inferload-sim-ollama-${tag}`];
  let podmanEnv: PodmanTestEnv;
  let session: RemoteSession;

  before(() => {
    podmanEnv = createPodmanTestEnv();
    const local = createLocalSession();
    // The sandbox's containers.conf for every command (test/helpers/podman-env.ts).
    session = {
      ...local,
      exec: (argv, options) => local.exec(argv, { ...options, env: { ...podmanEnv.env, ...options?.env } }),
    };
  });

  after(async () => {
    for (const name of containers) await session?.exec(['podman', 'rm', '--force', name]);
    for (const image of Object.values(images))
      await session?.exec(['podman', 'image', 'rm', '--force', image]);
    podmanEnv?.dispose();
  });

  it('builds the vLLM image once, keeps it while nothing changed, and runs it with vLLM flags as arguments', async () => {
    const lines: string[] = [];
    const built = await ensureSimImage(session, {
      kind: 'vllm',
      image: images.vllm,
      onProgress: (l) => lines.push(l),
    });
    assert.equal(built.built, true);
    assert.ok(
      lines.some((l) => /packing node v\d+/.test(l)),
      lines.join('\n'),
    );
    const again = await ensureSimImage(session, { kind: 'vllm', image: images.vllm });
    assert.deepEqual([again.built, again.id], [false, built.id]);

    const port = await findFreePort();
    const args = [
      '/models/x',
      '--tensor-parallel-size',
      '2',
      '--max-num-seqs',
      '4',
      '--max-model-len',
      '2048',
    ];
    const name = containers[0] ?? '';
    const run = await session.exec([
      'podman',
      'run',
      '-d',
      '--network',
      'host',
      '--name',
      name,
      images.vllm,
      ...args,
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--enforce-eager',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const url = `http://127.0.0.1:${port}`;
    await waitHealthy(session, `${url}/health`, name);
    const body = {
      model: '/models/x',
      messages: [{ role: 'user', content: 'hi' }],
      max_tokens: 5,
      ignore_eos: true,
      stream: true,
      stream_options: { include_usage: true },
    };
    const read = await readSse(await postJson(`${url}/v1/chat/completions`, body));
    assert.equal(read.payloads.at(-1)?.text, '[DONE]');
    const usage = tryParse(read.payloads.at(-2)?.text ?? '') as { usage: { completion_tokens: number } };
    assert.equal(usage.usage.completion_tokens, 5);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    assert.match(metrics, /^vllm:generation_tokens_total\{engine="0",model_name="\/models\/x"\} 5$/m);
    const logs = await session.exec(['podman', 'logs', name]);
    assert.match(logs.stderr + logs.stdout, /note: accepted --enforce-eager/);
    const stop = await session.exec(['podman', 'stop', '--time', '5', name]);
    assert.equal(stop.code, 0, stop.stderr);
    const exited = await session.exec(['podman', 'inspect', '--format', '{{.State.ExitCode}}', name]);
    assert.equal(exited.stdout.trim(), '0', 'SIGTERM ends the simulator cleanly');
  });

  it('runs the Ollama image with `serve` and OLLAMA_* variables passed with -e', async () => {
    await ensureSimImage(session, { kind: 'ollama', image: images.ollama });
    const port = await findFreePort();
    const name = containers[1] ?? '';
    const run = await session.exec([
      'podman',
      'run',
      '-d',
      '--network',
      'host',
      '--name',
      name,
      '-e',
      `OLLAMA_HOST=127.0.0.1:${port}`,
      '-e',
      'OLLAMA_NUM_PARALLEL=2',
      '-e',
      'OLLAMA_KEEP_ALIVE=10m',
      images.ollama,
    ]);
    assert.equal(run.code, 0, run.stderr);
    const url = `http://127.0.0.1:${port}`;
    await waitHealthy(session, `${url}/api/version`, name);
    const pull = await readNdjson(await postJson(`${url}/api/pull`, { model: 'llama3.2:1b' }));
    assert.equal((tryParse(pull.payloads.at(-1)?.text ?? '') as { status: string }).status, 'success');
    const chat = await readNdjson(
      await postJson(`${url}/api/chat`, {
        model: 'llama3.2:1b',
        messages: [{ role: 'user', content: 'hi' }],
        options: { num_predict: 4 },
      }),
    );
    const last = tryParse(chat.payloads.at(-1)?.text ?? '') as { done: boolean; eval_count: number };
    assert.deepEqual([last.done, last.eval_count], [true, 4]);
    const ps = (await (await fetch(`${url}/api/ps`)).json()) as {
      models: { name: string; expires_at: string }[];
    };
    assert.equal(ps.models[0]?.name, 'llama3.2:1b');
    const expiresIn = Date.parse(ps.models[0]?.expires_at ?? '') - Date.now();
    assert.ok(expiresIn > 9 * 60_000 && expiresIn <= 10 * 60_000, `expires in ${expiresIn} ms`);
  });
});
