// Drift, error bursts, restarts and the overall soak verdict over hand-built series.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HostRecord } from '../../../src/diagnose/diagnostics-record.ts';
import { findErrorBursts } from '../../../src/diagnose/soak/find-error-bursts.ts';
import { findRestarts } from '../../../src/diagnose/soak/find-restarts.ts';
import { judgeDrift } from '../../../src/diagnose/soak/judge-drift.ts';
import { judgeSoak } from '../../../src/diagnose/soak/judge-soak.ts';
import { DEFAULT_SOAK_THRESHOLDS as T } from '../../../src/diagnose/soak/soak-thresholds.ts';
import { cutWindows, findSteadySpan, type SoakWindow } from '../../../src/diagnose/soak/soak-windows.ts';
import type { SeriesBucket } from '../../../src/results/run-series.ts';

const START = '2026-12-04T10:00:00.000Z';

function bucket(t: number, fields: Partial<SeriesBucket> = {}): SeriesBucket {
  return {
    t,
    seconds: 1,
    activeVus: 8,
    vusSteady: true,
    requests: 10,
    failed: 0,
    requestsPerSecond: 10,
    outputTokensPerSecond: 320,
    promptTokensPerSecond: 50,
    offeredPerSecond: 10,
    errorsByKind: {},
    ...fields,
  };
}

function window(startS: number, fields: Partial<SoakWindow>): SoakWindow {
  return {
    startS,
    endS: startS + 10,
    requests: 100,
    failed: 0,
    requestsPerSecond: 10,
    outputTokensPerSecond: 300,
    ...fields,
  };
}

describe('soak windows', () => {
  it('covers the span at full concurrency, a short remainder joined to the last window', () => {
    const series = [
      bucket(0, { activeVus: 2 }),
      ...Array.from({ length: 23 }, (_, i) => bucket(i + 1)),
      bucket(24, { activeVus: 3 }),
    ];
    const span = findSteadySpan({ series });
    assert.deepEqual(span, { startS: 1, endS: 24 });
    assert.deepEqual(cutWindows({ startS: 1, endS: 24 }, 10), [
      { startS: 1, endS: 11 },
      { startS: 11, endS: 24 },
    ]);
  });
});

describe('drift', () => {
  it('fires on falling throughput or rising TPOT, with both figures and the limits', () => {
    const slow = judgeDrift(
      [
        window(0, { tpotP50Ms: 10 }),
        window(10, {}),
        window(20, { outputTokensPerSecond: 200, tpotP50Ms: 15 }),
      ],
      T,
    );
    assert.equal(slow.verdict, 'drift', slow.reason);
    assert.match(slow.reason, /tok\/s 300\.0 -> 200\.0 \(-33\.3%\); TPOT p50 10\.0 -> 15\.0 ms \(\+50\.0%\)/);
    assert.deepEqual(slow.limits, { throughputDrop: 0.2, tpotRise: 0.25 });
    const tpotOnly = judgeDrift([window(0, { tpotP50Ms: 10 }), window(10, { tpotP50Ms: 13 })], T);
    assert.equal(tpotOnly.verdict, 'drift', 'TPOT +30% against a 25% limit');
  });

  it('stays quiet within the limits and does not judge one window', () => {
    const ok = judgeDrift(
      [window(0, { tpotP50Ms: 10 }), window(10, { outputTokensPerSecond: 270, tpotP50Ms: 11 })],
      T,
    );
    assert.equal(ok.verdict, 'steady', ok.reason);
    assert.equal(judgeDrift([window(0, {})], T).verdict, 'not judged');
    // One request against none is not a 100% drop: too few to compare.
    const sparse = judgeDrift(
      [window(0, { requests: 1 }), window(10, { requests: 0, outputTokensPerSecond: 0 })],
      T,
    );
    assert.equal(sparse.verdict, 'not judged', sparse.reason);
    assert.match(sparse.reason, /finished 1 and 0 requests: under 5/);
  });

  it('falls back to requests/s when no tokens were counted', () => {
    const v = judgeDrift(
      [
        window(0, { outputTokensPerSecond: 0 }),
        window(10, { outputTokensPerSecond: 0, requestsPerSecond: 5 }),
      ],
      T,
    );
    assert.equal(v.throughput?.unit, 'req/s');
    assert.equal(v.verdict, 'drift');
  });
});

describe('error bursts', () => {
  it('finds a run of failing seconds with its kinds, and ignores scattered failures', () => {
    const series = [
      bucket(0, { failed: 1 }),
      bucket(1),
      bucket(2, { failed: 8, errorsByKind: { connect_refused: 8 } }),
      bucket(3, { requests: 0 }),
      bucket(4, { failed: 10, errorsByKind: { connect_refused: 6, reset: 4 } }),
      bucket(5),
      bucket(6, { failed: 2 }),
    ];
    const v = findErrorBursts(series, T);
    assert.equal(v.verdict, 'bursts', v.reason);
    assert.equal(v.bursts.length, 1);
    assert.deepEqual(v.bursts[0], {
      startS: 2,
      endS: 5,
      failed: 18,
      requests: 20,
      kinds: { connect_refused: 14, reset: 4 },
    });
    assert.equal(v.failed, 21);
    assert.equal(findErrorBursts([bucket(0, { failed: 2 }), bucket(1)], T).verdict, 'none');
  });
});

describe('restarts', () => {
  it('sees another pid, or the same pid started again, on the port', () => {
    const v = findRestarts(
      [
        { t: 0, pid: 10, startTicks: 5 },
        { t: 1, pid: 10, startTicks: 5 },
        { t: 2 },
        { t: 3 },
        { t: 4, pid: 11, startTicks: 9 },
        { t: 5, pid: 11, startTicks: 12 },
      ],
      [],
    );
    assert.equal(v.verdict, 'restarted', v.reason);
    assert.deepEqual(v.events, [
      { t: 4, fromPid: 10, toPid: 11, downSeconds: 2 },
      { t: 5, fromPid: 11, toPid: 11, downSeconds: 0 },
    ]);
    assert.equal(
      findRestarts(
        [
          { t: 0, pid: 3, startTicks: 1 },
          { t: 9, pid: 3, startTicks: 1 },
        ],
        [],
      ).verdict,
      'none',
    );
  });

  it('falls back to the pid diagnose sampled: gone before the end is a restart', () => {
    const v = findRestarts([], [{ t: 0, pid: 7 }, { t: 1, pid: 7 }, { t: 2 }, { t: 3 }]);
    assert.equal(v.verdict, 'restarted');
    assert.deepEqual(v.events, [{ t: 2, fromPid: 7, downSeconds: 2 }]);
    const once = findRestarts([], [{ t: 0, pid: 7 }, { t: 1, pid: 7 }, { t: 2 }]);
    assert.equal(once.verdict, 'none', 'one unreadable sample is not a restart');
    assert.equal(findRestarts([], []).verdict, 'not judged');
  });
});

describe('the soak verdict', () => {
  const host = (t: number, rssMb: number): HostRecord => ({
    source: 'host',
    t: t * 1000,
    ts: Date.parse(START) + t * 1000,
    cpus: [0],
    busy: [50],
    onlineCpus: 1,
    process: { pid: 42, cpuPercent: 90, rssBytes: rssMb * 1024 ** 2 },
  });
  const analysis = (status: string) => ({
    meta: {
      id: 'r1',
      startedAt: START,
      outcome: { status, reasons: status === 'passed' ? [] : ['no request succeeded'] },
    },
    series: Array.from({ length: 60 }, (_, i) => bucket(i)),
    requests: { records: [], unjoinable: 0, orphanPoints: 0 },
  });
  const input = (status: string, rssPerSecond: number) => ({
    analysis: analysis(status) as never,
    records: Array.from({ length: 60 }, (_, i) => host(i, 300 + i * rssPerSecond)),
    identity: [],
    windowSeconds: 0,
    thresholds: T,
  });

  it('is stable when every detector is quiet, unstable when one fires', () => {
    const calm = judgeSoak(input('passed', 0));
    assert.equal(calm.verdict, 'stable', calm.reason);
    assert.equal(calm.windows.length, 5, 'a fifth of the steady span by default');
    assert.equal(calm.windowSeconds, 12);
    const leaking = judgeSoak(input('passed', 5));
    assert.equal(leaking.verdict, 'unstable');
    assert.equal(leaking.memory.verdict, 'leak', leaking.memory.reason);
    assert.match(leaking.reason, /memory leak: server RSS \(pid 42\) grew: 300\.00 MB\/min/);
  });

  it('never calls a failed run stable', () => {
    const v = judgeSoak(input('failed', 0));
    assert.equal(v.verdict, 'failed run');
    assert.match(v.reason, /the run failed \(no request succeeded\): a soak that failed is not stable/);
  });
});
