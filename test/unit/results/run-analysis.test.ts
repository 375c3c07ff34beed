import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeLoad } from '../../../src/results/run-analysis.ts';
import { openRunFiles } from '../../../src/results/run-files.ts';
import { writeSampleRun } from '../../helpers/run-folder.ts';

const root = mkdtempSync(join(tmpdir(), 'inferload-load-analysis-'));

describe('analyzeLoad', () => {
  it('analyses the load files only, leaving diagnostics.jsonl to diagnose', async () => {
    const files = openRunFiles(writeSampleRun(root, 'sample'));
    const load = await analyzeLoad(files);
    assert.deepEqual(load.missing, []);
    assert.deepEqual(load.truncated, []);
    assert.equal('diagnostics' in load, false);
    assert.equal(load.headline.source, 'summary');
    assert.equal(load.durationSeconds, 5);
    assert.equal(load.concurrency?.levels[0]?.concurrency, 2);
    assert.deepEqual(files.reads, { 'meta.json': 1, 'summary.json': 1, 'metrics.json.gz': 1 });
  });

  it('reads summary.json once even when it is damaged and the figures come from the metric points', async () => {
    const files = openRunFiles(writeSampleRun(root, 'damaged', { summary: { metrics: [] } }));
    const load = await analyzeLoad(files);
    assert.equal(load.headline.source, 'metrics');
    assert.deepEqual(
      load.damage?.map((d) => d.file),
      ['summary.json'],
    );
    assert.equal(files.reads['summary.json'], 1);
  });
});
