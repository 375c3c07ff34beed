import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MetricRegistry } from '../../../../src/engine/metrics/registry.ts';
import { type ModuleVu, createModuleRegistry } from '../../../../src/engine/modules/module-registry.ts';
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
  const registry = createModuleRegistry({
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
  });

  it('declares every module the engine offers, in one sorted list', () => {
    assert.deepEqual(registry.names, ['k6', 'k6/data', 'k6/execution', 'k6/http', 'k6/metrics', 'k6/x/sse']);
  });

  it("makes a VU's instance of each, asking for the HTTP client only for k6/http and k6/x/sse", async () => {
    for (const name of ['k6', 'k6/data', 'k6/execution', 'k6/metrics']) {
      assert.equal(typeof registry.create(name, fakeModuleVu()).default, 'object', name);
    }
    assert.equal(made.length, 0);
    const exec = registry.create('k6/execution', fakeModuleVu()) as { test: { options: unknown } };
    assert.deepEqual(exec.test.options, { vus: 3 });
    const http = registry.create('k6/http', fakeModuleVu());
    assert.equal(typeof http['get'], 'function');
    assert.equal(made.length, 1);
  });

  it('refuses an unknown module, listing the ones offered', () => {
    assert.throws(
      () => registry.create('k6/ws', fakeModuleVu()),
      /unknown module: k6\/ws \(the embedded engine provides k6, k6\/data, k6\/execution, k6\/http, k6\/metrics, k6\/x\/sse\)/,
    );
  });
});
