import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { presetChain, resolvePreset } from '../../../src/config/resolve-preset.ts';
import { UserError } from '../../../src/util/errors.ts';
import type { InferloadConfig, PresetConfig } from '../../../src/config/types.ts';
import { check, configText } from './config-text.ts';

const PRESETS = [
  '  base:',
  '    description: the root',
  '    parallel_slots: 4',
  '    threads_gen: 8',
  '    ctx_per_slot: 2048',
  '    extra_args: [--mlock]',
  '  more:',
  '    extends: base',
  '    parallel_slots: 8',
  '    cache_type_k: q8_0',
  '  most:',
  '    extends: more',
  '    threads_gen: 12',
  '    cpuset: "0-7"',
].join('\n');

const HOSTS = [
  '  box:',
  '    address: 127.0.0.1',
  '    user: root',
  '    ssh_agent: true',
  '    preset_overrides:',
  '      all: {threads_gen: 6, flash_attn: on}',
  '      most: {threads_gen: 7, extra_args: []}',
].join('\n');

function load(): InferloadConfig {
  const result = check(configText({ presets: PRESETS, hosts: HOSTS }));
  assert.deepEqual(result.errors, []);
  assert.ok(result.config);
  return result.config;
}

describe('resolvePreset', () => {
  it('follows extends from the root, the child winning, and fills defaults', () => {
    const p = resolvePreset(load(), 'most', undefined);
    assert.deepEqual(p.chain, ['base', 'more', 'most']);
    assert.equal(p.parallelSlots, 8);
    assert.equal(p.threadsGen, 12);
    assert.equal(p.threadsBatch, 12, 'threads_batch defaults to threads_gen');
    assert.equal(p.batchSize, 2048);
    assert.equal(p.ubatchSize, 512);
    assert.equal(p.ctxSize, 2048 * 8);
    assert.equal(p.cacheTypeK, 'q8_0');
    assert.equal(p.description, 'the root');
    assert.deepEqual(p.extraArgs, ['--mlock']);
    assert.equal(p.contBatching, true);
    assert.ok(!p.setKeys.includes('batchSize'));
    assert.ok(p.setKeys.includes('cacheTypeK'));
  });

  it('applies the host override for all presets, then the one for this preset', () => {
    const config = load();
    const more = resolvePreset(config, 'more', 'box');
    assert.equal(more.threadsGen, 6);
    assert.equal(more.flashAttn, 'on');
    assert.equal(more.host, 'box');
    const most = resolvePreset(config, 'most', 'box');
    assert.equal(most.threadsGen, 7);
    assert.deepEqual(most.extraArgs, [], 'a list is replaced, not appended');
    assert.equal(resolvePreset(config, 'most', 'local').threadsGen, 12, 'local has no overrides');
  });

  it('uses active_preset when no name is given', () => {
    assert.equal(resolvePreset(load(), undefined, undefined).name, 'base');
  });

  it('fails on an unknown preset, listing the valid ones', () => {
    assert.throws(
      () => resolvePreset(load(), 'mots', undefined),
      (error: unknown) =>
        error instanceof UserError &&
        error.exitCode === 2 &&
        /unknown preset 'mots' \(did you mean 'most'\?\); expected one of base, more, most/.test(
          error.message,
        ),
    );
  });

  it('fails on an unknown host, listing the valid ones', () => {
    assert.throws(() => resolvePreset(load(), 'base', 'bx'), /unknown host 'bx'.*expected one of box, local/);
  });

  it('warns about values that cannot work whatever the kind', () => {
    const p = resolvePreset(load(), 'most', undefined);
    assert.ok(
      p.warnings.some((w) => w.includes('quantized KV cache')),
      p.warnings.join('\n'),
    );
    assert.ok(
      p.warnings.some((w) => w.includes('threads_gen 12 exceeds the 8 CPUs of cpuset 0-7')),
      p.warnings.join('\n'),
    );
  });
});

describe('presetChain', () => {
  const preset = (name: string, parent?: string): PresetConfig => ({
    name,
    values: {},
    ...(parent === undefined ? {} : { extends: parent }),
  });
  const map = (...presets: PresetConfig[]): Map<string, PresetConfig> =>
    new Map(presets.map((p) => [p.name, p]));

  it('names a cycle the same way from every member', () => {
    const presets = map(preset('x', 'y'), preset('y', 'z'), preset('z', 'x'));
    const problems = ['x', 'y', 'z'].map((name) => {
      const result = presetChain(presets, name);
      assert.equal(result.ok, false);
      return result.ok ? '' : `${result.culprit}: ${result.problem}`;
    });
    assert.deepEqual(new Set(problems), new Set(['z: extends forms a cycle: x -> y -> z -> x']));
  });

  it('names an unknown parent and the preset that asked for it', () => {
    const result = presetChain(map(preset('a', 'b'), preset('b', 'gone')), 'a');
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.culprit, 'b');
      assert.match(result.problem, /unknown preset 'gone'/);
    }
  });
});
