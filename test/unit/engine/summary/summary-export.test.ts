import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildSummaryData } from '../../../../src/engine/summary/build-summary.ts';
import { formatSummaryExport, toSummaryExport } from '../../../../src/engine/summary/summary-export.ts';
import { finishedRun } from './fixture.ts';

describe('toSummaryExport', () => {
  const data = buildSummaryData({ ...finishedRun(), testRunDurationMs: 2000 });
  const exported = toSummaryExport(data);

  it('drops options and state', () => {
    assert.deepEqual(Object.keys(exported), ['root_group', 'metrics']);
  });

  it('flattens metrics to their values, renames a Rate rate to value, and inverts thresholds', () => {
    assert.deepEqual(exported.metrics['checks'], {
      passes: 3,
      fails: 1,
      thresholds: { 'rate>0.99': true },
      value: 0.75,
    });
    assert.deepEqual(exported.metrics['http_reqs'], { count: 3, rate: 1.5 });
    // [100, 200, 900]: i = 0.95 * 2 = 1.9 -> 200 + 700 * 0.9
    assert.ok(Math.abs((exported.metrics['http_req_duration']?.['p(95)'] as number) - 830) < 1e-9);
    assert.deepEqual(exported.metrics['dropped_iterations'], {
      count: 0,
      rate: 0,
      thresholds: { 'count<1': false },
    });
  });

  it('keys groups and checks by name (what llama.cpp bench.py reads)', () => {
    assert.equal(exported.root_group.checks['success completion']?.passes, 2);
    assert.equal(exported.root_group.groups['api']?.checks['has body']?.fails, 1);
    assert.deepEqual(exported.root_group.groups['api']?.groups['empty']?.groups, {});
  });

  it('keeps setup_data when present and leaves the input untouched', () => {
    const withSetup = toSummaryExport({ ...data, setup_data: [1, 2] });
    assert.deepEqual(withSetup.setup_data, [1, 2]);
    assert.equal(data.metrics['checks']?.values['rate'], 0.75);
  });

  it('formats with 4-space indentation', () => {
    const text = formatSummaryExport(data);
    assert.match(text, /^\{\n {4}"root_group": \{/);
    assert.deepEqual(JSON.parse(text), exported);
  });
});
