import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MetricRegistry } from '../../../../src/engine/metrics/registry.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ModuleRunServices,
  type ModuleVu,
  createModuleRegistry,
} from '../../../../src/engine/modules/module-registry.ts';
import { type SharedHttp, createSharedHttp } from '../../../../src/engine/modules/http/index.ts';
import { createFakeVuContext } from './helpers.ts';

function fakeModuleVu(): ModuleVu {
  return {
    ...createFakeVuContext({ init: true }),
    enterGroup: () => '',
    leaveGroup: () => undefined,
    executionState: () => ({
      scenario: {
        name: '',
        executor: '',
        startTime: 0,
        progress: 0,
        iterationInInstance: 0,
        iterationInTest: 0,
      },
      vu: { idInInstance: 1, idInTest: 1, iterationInInstance: 0, iterationInScenario: 0 },
    }),
    customTags: {},
    customMetadata: {},
  };
}

describe('createModuleRegistry', () => {
  const made: SharedHttp[] = [];
  after(() => Promise.all(made.map((shared) => shared.close())));
  const services: ModuleRunServices = {
    registry: new MetricRegistry(),
    sharedArrays: new Map(),
    http: () => {
      const shared = createSharedHttp();
      made.push(shared);
      return shared;
    },
    instance: () => ({
      currentTestRunDuration: 0,
      iterationsCompleted: 0,
      iterationsInterrupted: 0,
      vusActive: 0,
      vusInitialized: 0,
    }),
    abort: () => {
      throw new Error('aborted');
    },
    fail: () => undefined,
    testOptions: () => ({ vus: 3 }),
  };
  const registry = createModuleRegistry(services);

  it('declares every module the engine offers, in one sorted list', () => {
    assert.deepEqual(registry.names, [
      'k6',
      'k6/crypto',
      'k6/data',
      'k6/encoding',
      'k6/execution',
      'k6/experimental/csv',
      'k6/experimental/fs',
      'k6/experimental/streams',
      'k6/experimental/webcrypto',
      'k6/experimental/websockets',
      'k6/html',
      'k6/http',
      'k6/metrics',
      'k6/timers',
      'k6/websockets',
      'k6/ws',
      'k6/x/sse',
    ]);
  });

  it("makes a VU's instance of each, asking for the HTTP client only for k6/http and k6/x/sse", async () => {
    const offline = [
      'k6',
      'k6/data',
      'k6/execution',
      'k6/metrics',
      'k6/encoding',
      'k6/crypto',
      'k6/timers',
      'k6/ws',
    ];
    for (const name of [...offline, 'k6/websockets', 'k6/experimental/fs', 'k6/experimental/csv']) {
      assert.equal(typeof registry.create(name, fakeModuleVu()).default, 'object', name);
    }
    assert.equal(made.length, 0);
    const exec = registry.create('k6/execution', fakeModuleVu()) as { test: { options: unknown } };
    assert.deepEqual(exec.test.options, { vus: 3 });
    const http = registry.create('k6/http', fakeModuleVu());
    assert.equal(typeof http['get'], 'function');
    assert.equal(made.length, 1);
  });

  it("gives a VU's script the timer globals and crypto, and settles once its event loop is idle", async () => {
    const vu = fakeModuleVu();
    const globals = registry.globals(vu);
    assert.deepEqual(Object.keys(globals).sort(), [
      'clearInterval',
      'clearTimeout',
      'crypto',
      'setInterval',
      'setTimeout',
    ]);
    let fired = false;
    (globals['setTimeout'] as (fn: () => void, ms: number) => number)(() => (fired = true), 1);
    await registry.settle(vu);
    assert.equal(fired, true);
  });

  it('resolves k6/experimental/fs paths against the script folder it is given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inferload-registry-'));
    writeFileSync(join(dir, 'data.txt'), 'abc');
    const withDir = createModuleRegistry({ ...services, scriptDir: dir });
    const fs = withDir.create('k6/experimental/fs', fakeModuleVu()) as {
      open(path: string): Promise<{ stat(): Promise<{ size: number }> }>;
    };
    assert.equal((await (await fs.open('data.txt')).stat()).size, 3);
  });

  it('refuses an unknown module, listing the ones offered', () => {
    assert.throws(
      () => registry.create('k6/browser', fakeModuleVu()),
      /unknown module: k6\/browser \(the embedded engine provides k6, k6\/crypto, .*, k6\/ws, k6\/x\/sse\)/,
    );
  });
});
