// Building the llama-server image from the private Debian root with the real podman, under a throwaway name.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createPodmanTestEnv, podmanSkipReason, type PodmanTestEnv } from '../../helpers/podman-env.ts';
import { installLlamaServer, llamaPaths } from '../../../src/local/llama-install.ts';
import { createLocalRunner } from '../../../src/podman/local-runner.ts';
import { ensureLlamaImage } from '../../../src/podman/ensure-llama-image.ts';
import { checkLlamaImage } from '../../../src/podman/check-llama-image.ts';
import { IMAGE_LABELS } from '../../../src/podman/llama-image-recipe.ts';
import type { CommandRunner } from '../../../src/process/command-runner.ts';

const skip = process.env['CI'] ? false : (podmanSkipReason() ?? false);

describe('ensureLlamaImage with podman', { skip, timeout: 180_000 }, () => {
  const image = `localhost/llama-server:inferload-test-${process.pid}`;
  let podmanEnv: PodmanTestEnv;
  let runner: CommandRunner;

  before(async () => {
    podmanEnv = createPodmanTestEnv();
    runner = createLocalRunner(podmanEnv.env);
    const installed = await installLlamaServer();
    assert.ok(installed.ok, installed.ok ? '' : installed.reason);
  });

  after(async () => {
    await runner?.exec(['podman', 'image', 'rm', '--force', image]);
    podmanEnv?.dispose();
  });

  it('builds an image whose llama-server runs, leaving the root untouched', async () => {
    const result = await ensureLlamaImage(runner, { image, force: true });
    assert.equal(result.built, true);
    assert.ok(
      !existsSync(join(llamaPaths().root, 'lib64')),
      'the usr-merge links were added to the archive only',
    );

    const inspected = await runner.exec(['podman', 'image', 'inspect', image]);
    const [config] = JSON.parse(inspected.stdout) as {
      Config: { Env: string[]; Entrypoint: string[]; Labels: Record<string, string> };
    }[];
    assert.ok(config);
    assert.deepEqual(config.Config.Entrypoint, ['/usr/bin/llama-server']);
    assert.ok(config.Config.Env.includes('LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/llama'));
    assert.ok(config.Config.Env.some((entry) => /^GGML_BACKEND_PATH=.*libggml-cpu-\w+\.so$/.test(entry)));
    assert.equal(config.Config.Labels[IMAGE_LABELS.rootDigest], result.rootDigest);
    assert.equal(config.Config.Labels[IMAGE_LABELS.llamaVersion], '1:0.7.0+dfsg-2');

    assert.match(await checkLlamaImage(runner, image), /^version: \S+ \(build \d+/);
  });

  it('keeps an up-to-date image', async () => {
    const started = Date.now();
    const again = await ensureLlamaImage(runner, { image });
    assert.equal(again.built, false);
    assert.ok(Date.now() - started < 10_000);
  });
});
