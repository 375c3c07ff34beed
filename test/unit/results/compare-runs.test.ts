import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compareRuns } from '../../../src/results/compare-runs.ts';
import { DEFAULT_OBJECTIVE } from '../../../src/results/objective-defaults.ts';
import type { RunAnalysis } from '../../../src/diagnose/analyze-run.ts';
import type { RequestRecord } from '../../../src/results/run-series.ts';

interface Fake {
  suffix: string;
  preset?: string;
  tokens?: number;
  e2eP95?: number;
  errorShare?: number;
  records?: RequestRecord[];
}

const empty = { count: 0, sampled: false, values: [] };

function fake(f: Fake): RunAnalysis {
  const id = `20260821-070000-medium-${f.suffix}`;
  return {
    dir: `/runs/${id}`,
    meta: {
      id,
      profile: 'medium',
      engine: 'embedded',
      engineVersion: 'inferload 0.1.0',
      target: 'http://x',
      api: 'openai',
      stream: true,
      env: {},
      startedAt: '2026-08-21T07:00:00.000Z',
      partial: false,
      host: { hostname: 'h', platform: 'linux', cpus: 2, cpuModel: 'x', memoryBytes: 1 },
      toolkitVersion: '0.1.0',
      ...(f.preset
        ? {
            deployed: {
              server: 's',
              host: 'h',
              preset: f.preset,
              fingerprint: 'f',
              runtime: 'podman',
              baseUrl: 'http://x',
              deployedAt: '2026-08-21T06:00:00.000Z',
            },
          }
        : {}),
    },
    missing: [],
    truncated: [],
    durationSeconds: 10,
    headline: {
      source: 'summary',
      requests: 100,
      failed: Math.round((f.errorShare ?? 0) * 100),
      ...(f.errorShare !== undefined ? { errorShare: f.errorShare } : {}),
      requestsPerSecond: 10,
      ...(f.tokens !== undefined ? { outputTokensPerSecond: f.tokens } : {}),
      ...(f.e2eP95 !== undefined ? { e2e: { p50: f.e2eP95 / 2, p95: f.e2eP95 } } : {}),
      errorsByKind: {},
    },
    thresholds: [],
    bucketMs: 1000,
    series: [],
    distributions: { ttft: empty, itl: empty, tpot: empty, e2e: empty },
    requests: { records: f.records ?? [], unjoinable: 0, orphanPoints: 0 },
    goodput: { slo: {}, total: 0, unjoinable: 0, ignoredTargets: [], reason: 'no-requests' },
  };
}

const fast = (id: string): RequestRecord => ({
  id,
  endMs: 0,
  failed: false,
  ttftMs: 100,
  tpotMs: 20,
  e2eMs: 900,
});
const slow = (id: string): RequestRecord => ({
  id,
  endMs: 0,
  failed: false,
  ttftMs: 3000,
  tpotMs: 20,
  e2eMs: 9000,
});

const runs = [
  fake({
    suffix: 'aaaaaa',
    preset: 'conservative',
    tokens: 100,
    e2eP95: 5000,
    errorShare: 0,
    records: [fast('1'), slow('2')],
  }),
  fake({ suffix: 'bbbbbb', preset: 'aggressive', tokens: 180, e2eP95: 12_000, errorShare: 0 }),
  fake({
    suffix: 'cccccc',
    preset: 'balanced',
    tokens: 150,
    e2eP95: 8000,
    errorShare: 0.005,
    records: [fast('1')],
  }),
  fake({ suffix: 'dddddd', preset: 'latency', tokens: 200, e2eP95: 4000, errorShare: 0.05 }),
  fake({ suffix: 'eeeeee', tokens: 101, e2eP95: 3000, errorShare: 0 }),
];

describe('compareRuns', () => {
  const comparison = compareRuns(runs, DEFAULT_OBJECTIVE);

  it('labels each run by its deployed preset, else its profile, with the id suffix', () => {
    assert.deepEqual(
      comparison.runs.map((r) => r.label),
      ['conservative aaaaaa', 'aggressive bbbbbb', 'balanced cccccc', 'latency dddddd', 'medium eeeeee'],
    );
    assert.equal(comparison.runs[4]?.preset, undefined);
  });

  it('picks the most output tokens/s within the E2E budget and error limit, and says why the others lost', () => {
    assert.deepEqual(comparison.best, {
      index: 2,
      id: '20260821-070000-medium-cccccc',
      label: 'balanced cccccc',
      outputTokensPerSecond: 150,
      e2eP95Ms: 8000,
      errorShare: 0.005,
    });
    assert.equal(comparison.noneReason, undefined);
    assert.deepEqual(
      comparison.losers.map((l) => [l.index, l.reasons]),
      [
        [0, [{ kind: 'lower-throughput', outputTokensPerSecond: 100, bestOutputTokensPerSecond: 150 }]],
        [1, [{ kind: 'over-budget', e2eP95Ms: 12_000, budgetMs: 10_000 }]],
        [3, [{ kind: 'too-many-errors', errorShare: 0.05, maxErrorShare: 0.01 }]],
        [4, [{ kind: 'lower-throughput', outputTokensPerSecond: 101, bestOutputTokensPerSecond: 150 }]],
      ],
    );
  });

  it('gives per-run values and deltas against the first run, with direction and a tolerant verdict', () => {
    const tokens = comparison.rows.find((r) => r.key === 'outputTokensPerSecond');
    assert.equal(tokens?.direction, 'higher-better');
    assert.equal(tokens?.unit, 'tok/s');
    assert.deepEqual(tokens?.values, [100, 180, 150, 200, 101]);
    assert.deepEqual(tokens?.deltas, [
      undefined,
      { absolute: 80, relative: 0.8, verdict: 'better' },
      { absolute: 50, relative: 0.5, verdict: 'better' },
      { absolute: 100, relative: 1, verdict: 'better' },
      // 1% is within the 2% tolerance.
      { absolute: 1, relative: 0.01, verdict: 'same' },
    ]);
    const e2e = comparison.rows.find((r) => r.key === 'e2eP95Ms');
    assert.equal(e2e?.direction, 'lower-better');
    assert.deepEqual(
      e2e?.deltas.map((d) => d?.verdict),
      [undefined, 'worse', 'worse', 'better', 'better'],
    );
    // Error share from 0: no relative change, any rise is worse.
    const errors = comparison.rows.find((r) => r.key === 'errorShare');
    assert.deepEqual(errors?.deltas[2], { absolute: 0.005, verdict: 'worse' });
    assert.deepEqual(errors?.deltas[1], { absolute: 0, verdict: 'same' });
    // A statistic no run has stays undefined throughout.
    const ttft = comparison.rows.find((r) => r.key === 'ttftP95Ms');
    assert.deepEqual(ttft?.values, [undefined, undefined, undefined, undefined, undefined]);
    assert.deepEqual(ttft?.deltas, [undefined, undefined, undefined, undefined, undefined]);
  });

  it('computes goodput per run against the objective SLO', () => {
    assert.deepEqual(
      comparison.goodput.map((g) => [g.met, g.total, g.goodputPerSecond]),
      [
        [1, 2, 0.1],
        [undefined, 0, undefined],
        [1, 1, 0.1],
        [undefined, 0, undefined],
        [undefined, 0, undefined],
      ],
    );
    const goodputRow = comparison.rows.find((r) => r.key === 'goodputShare');
    assert.deepEqual(goodputRow?.values.slice(0, 3), [0.5, undefined, 1]);
    assert.equal(goodputRow?.deltas[2]?.verdict, 'better');
  });

  it('names no best run when none meets the objective, or when there are none', () => {
    const strict = compareRuns(runs, { ...DEFAULT_OBJECTIVE, e2eP95BudgetMs: 1000 });
    assert.equal(strict.best, undefined);
    assert.equal(strict.noneReason, 'none-qualifies');
    assert.equal(strict.losers.length, 5);
    assert.deepEqual(strict.losers[3]?.reasons, [
      { kind: 'over-budget', e2eP95Ms: 4000, budgetMs: 1000 },
      { kind: 'too-many-errors', errorShare: 0.05, maxErrorShare: 0.01 },
    ]);
    const none = compareRuns([]);
    assert.equal(none.noneReason, 'no-runs');
    assert.deepEqual(none.losers, []);
  });

  it('says which numbers a run lacks instead of ranking it', () => {
    const crashed = fake({ suffix: 'ffffff', tokens: 500 });
    const result = compareRuns([runs[0] as RunAnalysis, crashed]);
    assert.equal(result.best?.index, 0);
    assert.deepEqual(result.losers[0]?.reasons, [{ kind: 'no-data', missing: ['e2eP95Ms', 'errorShare'] }]);
  });
});
