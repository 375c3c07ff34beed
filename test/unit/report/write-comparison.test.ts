import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DEFAULT_OBJECTIVE } from '../../../src/results/objective-defaults.ts';
import { createComparisonDir, writeComparison } from '../../../src/report/write-comparison.ts';
import { writeSampleRun } from '../../helpers/run-folder.ts';

describe('writeComparison', () => {
  it('names a new folder by time and never reuses one', () => {
    const root = mkdtempSync(join(tmpdir(), 'inferload-compare-dir-'));
    const now = new Date(Date.UTC(2026, 7, 21, 12, 0, 0));
    assert.equal(basename(createComparisonDir(root, now)), 'compare-20260821-120000');
    assert.equal(basename(createComparisonDir(root, now)), 'compare-20260821-120000-2');
  });

  it('writes compare.html and compare.md into the folder asked for', async () => {
    const root = mkdtempSync(join(tmpdir(), 'inferload-compare-write-'));
    const runs = [writeSampleRun(root, 'a-run-aaa111'), writeSampleRun(root, 'b-run-bbb222')];
    const out = join(root, 'out');
    const written = await writeComparison(runs, DEFAULT_OBJECTIVE, out);
    assert.deepEqual(
      [written.dir, written.html, written.markdown],
      [out, join(out, 'compare.html'), join(out, 'compare.md')],
    );
    assert.ok(existsSync(written.html));
    assert.match(
      readFileSync(written.markdown, 'utf8'),
      /^# inferload comparison: light aaa111 vs light bbb222$/m,
    );
    assert.equal(written.comparison.noneReason, 'none-qualifies');
  });
});
