import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ensureLlamaImage } from '../../../src/podman/ensure-llama-image.ts';
import { IMAGE_LABELS, llamaRootDigest } from '../../../src/podman/llama-image-recipe.ts';
import type { CommandRunner, ExecResult } from '../../../src/process/command-runner.ts';

const STAMP = 'llama.cpp-tools 1:0.7.0+dfsg-2\n';
const ROOT = '/cache/llama/root';
const WORK = '/tmp/inferload-image.abc';
const OK: ExecResult = { code: 0, stdout: '', stderr: '' };

/** A host with podman images (by name) and files (by path), recording every command. */
function fakeHost(images: Record<string, { id: string; labels: Record<string, string> }>, files: string[]) {
  const calls: string[][] = [];
  const runner: CommandRunner = {
    exec: async (argv) => {
      calls.push(argv);
      const [program, sub, verb, name = ''] = argv;
      if (program === 'podman' && sub === 'image' && verb === 'inspect') {
        const image = images[name];
        if (!image) return { code: 125, stdout: '[]', stderr: `Error: ${name}: image not known` };
        return {
          ...OK,
          stdout: JSON.stringify([{ Id: image.id, Labels: image.labels, Config: { Labels: image.labels } }]),
        };
      }
      if (program === 'podman' && sub === 'import') {
        images[argv.at(-1) ?? ''] = { id: 'new-id', labels: labelsOf(argv) };
        return { ...OK, stdout: 'sha256:new-id\n' };
      }
      if (program === 'test') return files.includes(argv[2] ?? '') ? OK : { ...OK, code: 1 };
      if (program === 'mktemp') return { ...OK, stdout: `${WORK}\n` };
      return OK;
    },
  };
  return { runner, calls };
}

function labelsOf(argv: string[]): Record<string, string> {
  const changes = argv.filter((_, index) => argv[index - 1] === '--change');
  return Object.fromEntries(
    changes.flatMap((change) => {
      const match = /^LABEL (\S+)="(.*)"$/.exec(change);
      return match?.[1] && match[2] !== undefined ? [[match[1], match[2]]] : [];
    }),
  );
}

const BACKEND_SO = `${ROOT}/usr/lib/x86_64-linux-gnu/ggml/backends0/libggml-cpu-zen4.so`;
const options = { root: ROOT, backend: 'zen4', stamp: STAMP, image: 'localhost/llama-server:debian' };

describe('ensureLlamaImage', () => {
  it('builds from a root that lacks the usr-merge links, adding them from a staging folder', async () => {
    const { runner, calls } = fakeHost({}, [BACKEND_SO, `${ROOT}/usr`]);
    const result = await ensureLlamaImage(runner, options);
    assert.deepEqual(result, {
      image: 'localhost/llama-server:debian',
      id: 'new-id',
      built: true,
      rootDigest: llamaRootDigest(STAMP, 'zen4'),
    });
    const commands = calls.map((argv) => argv.join(' '));
    assert.ok(commands.includes(`ln -s usr/lib ${WORK}/links/lib`));
    assert.ok(commands.includes(`ln -s usr/lib64 ${WORK}/links/lib64`));
    assert.ok(
      commands.includes(
        `ln -s ../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 ${WORK}/links/usr/lib64/ld-linux-x86-64.so.2`,
      ),
    );
    const tar = calls.find((argv) => argv[0] === 'tar') ?? [];
    // usr/lib64 is missing from the root, so it goes in whole; the root itself is only read.
    assert.deepEqual(tar.slice(-6), ['.', '-C', `${WORK}/links`, './lib', './lib64', './usr/lib64']);
    const podmanImport = calls.find((argv) => argv[1] === 'import') ?? [];
    assert.deepEqual(podmanImport.slice(-2), [`${WORK}/rootfs.tar`, 'localhost/llama-server:debian']);
    assert.ok(
      podmanImport.includes(
        'ENV GGML_BACKEND_PATH=/usr/lib/x86_64-linux-gnu/ggml/backends0/libggml-cpu-zen4.so',
      ),
    );
    assert.deepEqual(calls.at(-2), ['rm', '-rf', '--', WORK], 'the staging folder is removed');
  });

  it('adds only the links the root lacks', async () => {
    const links = [`${ROOT}/lib`, `${ROOT}/lib64`, `${ROOT}/usr/lib64`];
    const { runner, calls } = fakeHost({}, [BACKEND_SO, ...links, `${ROOT}/usr/lib64/ld-linux-x86-64.so.2`]);
    await ensureLlamaImage(runner, options);
    const tar = calls.find((argv) => argv[0] === 'tar') ?? [];
    assert.equal(tar.at(-1), '.', 'nothing to add');
    assert.ok(!calls.some((argv) => argv[0] === 'ln'));
  });

  it('skips an up-to-date image unless forced', async () => {
    const digest = llamaRootDigest(STAMP, 'zen4');
    const images = {
      'localhost/llama-server:debian': { id: 'old-id', labels: { [IMAGE_LABELS.rootDigest]: digest } },
    };
    const host = fakeHost(images, [BACKEND_SO]);
    assert.deepEqual(await ensureLlamaImage(host.runner, options), {
      image: 'localhost/llama-server:debian',
      id: 'old-id',
      built: false,
      rootDigest: digest,
    });
    assert.equal(host.calls.length, 1, 'one podman image inspect, nothing else');
    const forced = await ensureLlamaImage(host.runner, { ...options, force: true });
    assert.deepEqual([forced.built, forced.id], [true, 'new-id']);
  });

  it('rebuilds when the packages changed, then removes the untagged old image', async () => {
    const images = {
      'localhost/llama-server:debian': { id: 'old-id', labels: { [IMAGE_LABELS.rootDigest]: 'other' } },
    };
    const host = fakeHost(images, [BACKEND_SO]);
    const result = await ensureLlamaImage(host.runner, options);
    assert.equal(result.built, true);
    assert.deepEqual(host.calls.at(-1), ['podman', 'image', 'rm', 'old-id']);
  });

  it('fails with a hint when the root has no such backend', async () => {
    const { runner } = fakeHost({}, []);
    await assert.rejects(
      ensureLlamaImage(runner, options),
      /no CPU backend zen4: run scripts\/setup-llama.sh/,
    );
  });
});
