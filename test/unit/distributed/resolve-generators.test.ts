import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/load-config.ts';
import {
  checkGeneratorsReach,
  describeGenerators,
  generatorsFrom,
  resolveGenerators,
} from '../../../src/distributed/resolve-generators.ts';
import { UserError } from '../../../src/util/errors.ts';

function writeConfig(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'inferload-generators-')), 'llama.yaml');
  writeFileSync(
    file,
    `active_preset: base
hosts:
  local: {}
  rack: { address: 10.0.0.9, user: bench, ssh_agent: true }
  loopback: { address: 127.0.0.1, port: 2222, user: bench, ssh_agent: true }
presets:
  base: { parallel_slots: 1, threads_gen: 1, ctx_per_slot: 512 }
load_generators:
  alpha: { host: local }
  beta: { host: rack, engine: k6, k6: /usr/local/bin/k6 }
  loop: { host: loopback }
`,
  );
  return file;
}

describe('resolveGenerators', () => {
  it('gives the named generators in the order named, a name repeated as often as named', async () => {
    const config = await loadConfig(writeConfig());
    const names = resolveGenerators(config, ' beta, alpha,beta ').map((g) => `${g.name}:${g.engine}`);
    assert.deepEqual(names, ['beta:k6', 'alpha:embedded', 'beta:k6']);
  });

  it('names the file, the key and the choices for an unknown name, with the closest one', async () => {
    const file = writeConfig();
    const config = await loadConfig(file);
    assert.throws(
      () => resolveGenerators(config, 'alpha,bata'),
      (error: unknown) =>
        error instanceof UserError &&
        error.message.includes(`${file}: load_generators has no 'bata'`) &&
        /did you mean 'beta'/.test(error.message) &&
        error.message.includes('expected one of alpha, beta'),
    );
  });

  it('wants at least two generators: one is not a split', async () => {
    const config = await loadConfig(writeConfig());
    assert.throws(() => resolveGenerators(config, 'alpha'), /expected at least two names/);
  });
});

describe('generatorsFrom', () => {
  it('reads no config without a list', async () => {
    assert.equal(await generatorsFrom(undefined, '/nonexistent/llama.yaml'), undefined);
  });

  it('resolves against a config file or one already loaded', async () => {
    const file = writeConfig();
    const fromFile = await generatorsFrom('alpha,beta', file);
    const fromLoaded = await generatorsFrom('alpha,beta', await loadConfig(file));
    assert.deepEqual(
      fromFile?.map((g) => g.host.name),
      ['local', 'rack'],
    );
    assert.deepEqual(
      fromLoaded?.map((g) => g.host.name),
      ['local', 'rack'],
    );
  });
});

describe('describeGenerators', () => {
  it('says how many, and each with its engine and host', async () => {
    const config = await loadConfig(writeConfig());
    assert.equal(
      describeGenerators(resolveGenerators(config, 'alpha,beta')),
      '2 load generators: alpha (embedded on local), beta (k6 on rack)',
    );
  });
});

describe('checkGeneratorsReach', () => {
  it('refuses a loopback target for a generator on another machine, naming it', async () => {
    const config = await loadConfig(writeConfig());
    assert.throws(
      () => checkGeneratorsReach(resolveGenerators(config, 'alpha,beta'), 'http://127.0.0.1:8080'),
      (error: unknown) =>
        error instanceof UserError &&
        error.message.includes("this machine's loopback") &&
        error.message.includes('beta on rack') &&
        !error.message.includes('alpha on'),
    );
    assert.throws(() =>
      checkGeneratorsReach(resolveGenerators(config, 'alpha,beta'), 'http://localhost:8080/v1'),
    );
  });

  it('lets this machine reach its own loopback, over SSH too, and any generator reach an address', async () => {
    const config = await loadConfig(writeConfig());
    checkGeneratorsReach(resolveGenerators(config, 'alpha,loop'), 'http://127.0.0.1:8080');
    checkGeneratorsReach(resolveGenerators(config, 'alpha,beta'), 'http://10.0.0.5:8080');
  });
});
