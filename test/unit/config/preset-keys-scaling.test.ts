// The preset keys for instances behind nginx, vLLM parallelism and Ollama residency: read, defaulted, and
// refused with file, line and what was expected.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolvePreset } from '../../../src/config/resolve-preset.ts';
import { PRESET_FILE_KEY_NAMES } from '../../../src/config/preset-keys.ts';
import { check, configText, expectError, lineOf } from './config-text.ts';

const BASE = '  base:\n    parallel_slots: 2\n    threads_gen: 2\n    ctx_per_slot: 1024\n';

describe('scaling preset keys', () => {
  it('are preset keys (a campaign validates its factors against this list)', () => {
    for (const key of ['instances', 'instance_base_port', 'proxy_balance', 'proxy_keepalive', 'proxy_retry'])
      assert.ok(PRESET_FILE_KEY_NAMES.includes(key as never), key);
    for (const key of ['tensor_parallel', 'pipeline_parallel', 'data_parallel', 'gpu_memory_utilization'])
      assert.ok(PRESET_FILE_KEY_NAMES.includes(key as never), key);
    for (const key of ['keep_alive', 'max_loaded_models'])
      assert.ok(PRESET_FILE_KEY_NAMES.includes(key as never), key);
  });

  it('default to one instance without nginx; more than one always has nginx in front', () => {
    const plain = check(configText({ presets: BASE })).config;
    assert.ok(plain);
    const p = resolvePreset(plain, 'base', undefined);
    assert.deepEqual([p.instances, p.proxy, p.proxyBalance, p.proxyRetry], [1, false, 'round_robin', true]);
    const text = configText({
      presets: `${BASE}    instances: 4\n    proxy: false\n    keep_alive: 1h30m\n    gpu_memory_utilization: 0.9\n`,
    });
    const config = check(text).config;
    assert.ok(config);
    const four = resolvePreset(config, 'base', undefined);
    assert.deepEqual(
      [four.instances, four.proxy, four.keepAlive, four.gpuMemoryUtilization],
      [4, true, '1h30m', 0.9],
    );
    assert.ok(four.warnings.some((w) => w.includes('proxy: false with instances 4')));
  });

  for (const [key, value, expected] of [
    ['instances', '0', 'an integer from 1 to 256'],
    ['proxy_balance', 'random', 'one of round_robin, least_conn'],
    ['gpu_memory_utilization', '1.5', 'a number above 0 and at most 1'],
    ['keep_alive', 'soon', 'a duration like 5m'],
    ['instance_base_port', '70000', 'an integer from 1 to 65535'],
    ['tensor_parallel', '0', 'an integer from 1 to 1024'],
  ] as const) {
    it(`refuses ${key}: ${value} with its line`, () => {
      const text = configText({ presets: `${BASE}    ${key}: ${value}\n` });
      expectError(check(text), lineOf(text, `${key}:`), `presets.base.${key}`, expected);
    });
  }
});
