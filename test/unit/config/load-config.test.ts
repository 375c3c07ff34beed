import { afterEach, before, after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configPath, DEFAULT_CONFIG, loadConfig } from '../../../src/config/load-config.ts';
import { projectRoot } from '../../../src/util/paths.ts';
import { UserError } from '../../../src/util/errors.ts';
import { configText } from './config-text.ts';

describe('loadConfig', () => {
  let dir = '';
  const saved = process.env['CONFIG'];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'inferload-config-'));
  });
  after(async () => rm(dir, { recursive: true, force: true }));
  afterEach(() => {
    if (saved === undefined) delete process.env['CONFIG'];
    else process.env['CONFIG'] = saved;
  });

  it('defaults to config/llama.yaml under the project root and loads it', async () => {
    delete process.env['CONFIG'];
    assert.equal(configPath(), join(projectRoot, 'config', 'llama.yaml'));
    assert.equal(configPath(), DEFAULT_CONFIG);
    const config = await loadConfig();
    assert.equal(config.activePreset, 'conservative');
  });

  it('takes CONFIG from the environment, and the argument over it', async () => {
    const fromEnv = join(dir, 'env.yaml');
    const fromArg = join(dir, 'arg.yaml');
    await writeFile(fromEnv, configText({ active: 'base' }));
    await writeFile(
      fromArg,
      configText({
        presets: '  other:\n    parallel_slots: 1\n    threads_gen: 1\n    ctx_per_slot: 512',
        active: 'other',
      }),
    );
    process.env['CONFIG'] = fromEnv;
    assert.equal((await loadConfig()).activePreset, 'base');
    assert.equal((await loadConfig(fromArg)).activePreset, 'other');
  });

  it('throws a UserError with exit code 2 listing every error with file and line', async () => {
    const file = join(dir, 'bad.yaml');
    await writeFile(
      file,
      configText({ presets: '  base:\n    parallel_slots: -1\n    threads_gen: x\n    ctx_per_slot: 1024' }),
    );
    await assert.rejects(loadConfig(file), (error: unknown) => {
      assert.ok(error instanceof UserError);
      assert.equal(error.exitCode, 2);
      const lines = error.message.split('\n');
      assert.match(lines[0] ?? '', /bad\.yaml: 2 errors$/);
      assert.match(
        lines[1] ?? '',
        /bad\.yaml:\d+:\d+: presets\.base\.parallel_slots: expected an integer from 1 to 1024, got -1/,
      );
      assert.match(lines[2] ?? '', /bad\.yaml:\d+:\d+: presets\.base\.threads_gen: expected an integer/);
      return true;
    });
  });

  it('names a missing file and how to choose another', async () => {
    await assert.rejects(
      loadConfig(join(dir, 'absent.yaml')),
      /cannot read config .*absent\.yaml: no such file \(pass --config PATH or set CONFIG=path\)/,
    );
  });
});
