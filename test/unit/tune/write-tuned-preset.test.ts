import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/load-config.ts';
import { resolvePreset } from '../../../src/config/resolve-preset.ts';
import { projectRoot } from '../../../src/util/paths.ts';
import { renderTunedPreset, writeTunedPreset } from '../../../src/tune/write-tuned-preset.ts';

const preset = {
  name: 'tuned',
  extends: 'conservative',
  description: 'tuned by make tune (quick): parallel_slots=4',
  values: { parallelSlots: 4, threadsGen: 2, cpuset: '0-1' },
  comment: ['Written by `make tune SPEC=config/sweeps/quick.yaml`', 'Runner-up: parallel_slots=2'],
};

const text = `# the file's own comment
presets:
  # a preset's comment
  small:
    parallel_slots: 1 # inline
    threads_gen: 1
    ctx_per_slot: 512
servers: {}
`;

describe('renderTunedPreset', () => {
  it('adds the preset with its comment, in the file key names, and keeps every other line', () => {
    const out = renderTunedPreset(text, 'c.yaml', preset);
    for (const line of text.split('\n').filter((l) => l.trim() !== ''))
      assert.ok(out.includes(line.trim()), `kept: ${line}`);
    assert.match(
      out,
      /\n\n {2}# Written by `make tune SPEC=config\/sweeps\/quick.yaml`\n {2}# Runner-up: parallel_slots=2\n {2}tuned:\n/,
    );
    assert.match(out, / {4}extends: conservative\n/);
    assert.match(out, / {4}parallel_slots: 4\n {4}threads_gen: 2\n {4}cpuset: 0-1\n/);
  });

  it('replaces a preset of the same name rather than adding a second', () => {
    const once = renderTunedPreset(text, 'c.yaml', preset);
    const twice = renderTunedPreset(once, 'c.yaml', { ...preset, values: { parallelSlots: 8 } });
    assert.equal(twice.match(/^ {2}tuned:/gm)?.length, 1);
    assert.match(twice, /parallel_slots: 8/);
    assert.doesNotMatch(twice, /threads_gen: 2/);
  });

  it('names the file when it has no presets map', () => {
    assert.throws(
      () => renderTunedPreset('servers: {}\n', 'x.yaml', preset),
      /x\.yaml: presets: expected a map/,
    );
  });
});

describe('writeTunedPreset', () => {
  it('writes a preset the config loads and deploy resolves', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inferload-tuned-'));
    try {
      const file = join(dir, 'llama.yaml');
      copyFileSync(join(projectRoot, 'config', 'llama.yaml'), file);
      await writeTunedPreset(file, { ...preset, values: { parallelSlots: 4, threadsGen: 2 } });
      const config = await loadConfig(file);
      const resolved = resolvePreset(config, 'tuned', 'local');
      assert.equal(resolved.parallelSlots, 4);
      assert.equal(resolved.threadsGen, 2);
      // The rest comes from the base preset.
      assert.equal(resolved.ctxPerSlot, resolvePreset(config, 'conservative', 'local').ctxPerSlot);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves the file as it was when the preset would not check', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inferload-tuned-'));
    try {
      const file = join(dir, 'llama.yaml');
      copyFileSync(join(projectRoot, 'config', 'llama.yaml'), file);
      const before = readFileSync(file, 'utf8');
      await assert.rejects(
        writeTunedPreset(file, { ...preset, extends: 'no-such-preset' }),
        /the tuned preset 'tuned' did not check, so .*llama\.yaml is left as it was/,
      );
      assert.equal(readFileSync(file, 'utf8'), before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
