import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { buildSummaryData } from '../../../../src/engine/summary/build-summary.ts';
import { GroupTree, pathId } from '../../../../src/engine/summary/group-tree.ts';
import { finishedRun } from './fixture.ts';
import { UserError } from '../../../../src/util/errors.ts';

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

describe('buildSummaryData', () => {
  it("produces k6's legacy handleSummary shape", () => {
    const run = finishedRun();
    const data = buildSummaryData({ ...run, testRunDurationMs: 2000, setupData: { model: 'tiny' } });
    assert.deepEqual(Object.keys(data), ['root_group', 'options', 'state', 'metrics', 'setup_data']);
    assert.deepEqual(data.options, {
      summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'],
      summaryTimeUnit: '',
      noColor: false,
    });
    assert.deepEqual(data.state, { isStdOutTTY: false, isStdErrTTY: false, testRunDurationMs: 2000 });
    assert.deepEqual(data.setup_data, { model: 'tiny' });
    assert.deepEqual(data.root_group, {
      name: '',
      path: '',
      id: 'd41d8cd98f00b204e9800998ecf8427e',
      groups: [
        {
          name: 'api',
          path: '::api',
          id: md5('::api'),
          groups: [{ name: 'empty', path: '::api::empty', id: md5('::api::empty'), groups: [], checks: [] }],
          checks: [
            { name: 'has body', path: '::api::has body', id: md5('::api::has body'), passes: 1, fails: 1 },
          ],
        },
      ],
      checks: [
        {
          name: 'success completion',
          path: '::success completion',
          id: md5('::success completion'),
          passes: 2,
          fails: 0,
        },
      ],
    });
  });

  it('includes only metrics with samples or thresholds, with values per type', () => {
    const data = buildSummaryData({ ...finishedRun(), testRunDurationMs: 2000 });
    assert.deepEqual(Object.keys(data.metrics), [
      'checks',
      'data_received',
      'dropped_iterations',
      'group_duration',
      'http_req_duration',
      'http_req_duration{expected_response:true}',
      'http_reqs',
      'ttft_seconds',
      'vus',
    ]);
    assert.deepEqual(data.metrics['http_reqs'], {
      type: 'counter',
      contains: 'default',
      values: { count: 3, rate: 1.5 },
    });
    assert.deepEqual(data.metrics['data_received']?.contains, 'data');
    assert.deepEqual(data.metrics['vus'], {
      type: 'gauge',
      contains: 'default',
      values: { value: 2, min: 2, max: 2 },
    });
    assert.deepEqual(data.metrics['checks'], {
      type: 'rate',
      contains: 'default',
      values: { rate: 0.75, passes: 3, fails: 1 },
      thresholds: { 'rate>0.99': { ok: false } },
    });
    assert.deepEqual(data.metrics['dropped_iterations'], {
      type: 'counter',
      contains: 'default',
      values: { count: 0, rate: 0 },
      thresholds: { 'count<1': { ok: true } },
    });
    const expected = data.metrics['http_req_duration{expected_response:true}'];
    assert.equal(expected?.type, 'trend');
    assert.equal(expected?.contains, 'time');
    assert.deepEqual(expected?.thresholds, { 'p(95)<500': { ok: true } });
    assert.deepEqual(Object.keys(expected?.values ?? {}), ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)']);
    assert.equal(expected?.values['avg'], 150);
    assert.equal(data.metrics['http_req_duration']?.values['max'], 900);
    assert.equal(data.metrics['http_req_duration']?.thresholds, undefined);
  });

  it('honours summaryTrendStats including count and p(99.9), and the display options', () => {
    const data = buildSummaryData({
      ...finishedRun(),
      testRunDurationMs: 1000,
      summaryTrendStats: ['count', 'p(99.9)', 'med'],
      summaryTimeUnit: 'ms',
      noColor: true,
      isStdOutTTY: true,
    });
    const values = data.metrics['http_req_duration']?.values ?? {};
    assert.deepEqual(Object.keys(values), ['count', 'p(99.9)', 'med']);
    // [100, 200, 900]: i = 0.999 * 2 = 1.998 -> 200 + 700 * 0.998
    assert.ok(Math.abs((values['p(99.9)'] ?? 0) - 898.6) < 1e-9);
    assert.deepEqual([values['count'], values['med']], [3, 200]);
    assert.deepEqual(data.options, {
      summaryTrendStats: ['count', 'p(99.9)', 'med'],
      summaryTimeUnit: 'ms',
      noColor: true,
    });
    assert.equal(data.state.isStdOutTTY, true);
    const configError = (pattern: RegExp) => (error: unknown) =>
      error instanceof UserError && error.exitCode === 104 && pattern.test(error.message);
    assert.throws(
      () => buildSummaryData({ ...finishedRun(), testRunDurationMs: 1, summaryTrendStats: ['p(200)'] }),
      configError(/summaryTrendStats: invalid percentile trend stat value 'p\(200\)'/),
    );
    assert.throws(
      () => buildSummaryData({ ...finishedRun(), testRunDurationMs: 1, summaryTimeUnit: 'h' }),
      configError(/invalid summaryTimeUnit 'h'/),
    );
  });

  it('leaves setup_data undefined without setup', () => {
    const data = buildSummaryData({ ...finishedRun(), testRunDurationMs: 1 });
    assert.ok('setup_data' in data);
    assert.equal(data.setup_data, undefined);
  });
});

describe('GroupTree', () => {
  it('records checks by group path with md5 ids', () => {
    const tree = new GroupTree();
    tree.recordCheck('::setup', 'ready', true);
    tree.recordCheck('::setup', 'ready', false);
    const setup = tree.groupAt('::setup');
    assert.equal(setup.id, pathId('::setup'));
    assert.equal(tree.root.id, 'd41d8cd98f00b204e9800998ecf8427e');
    assert.deepEqual([setup.checks.get('ready')?.passes, setup.checks.get('ready')?.fails], [1, 1]);
    assert.equal(setup.checks.get('ready')?.path, '::setup::ready');
    assert.throws(() => tree.recordCheck('', 'a::b', true), /may not contain/);
  });
});
