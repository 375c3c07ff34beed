import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCapacityModel } from '../../../../src/report/capacity/capacity-model.ts';
import { writeCapacityReport } from '../../../../src/report/capacity/write-capacity-report.ts';
import type { CapacityRecord, CapacityStep } from '../../../../src/capacity/types.ts';

function step(
  index: number,
  rate: number,
  sustainable: boolean,
  extra: Partial<CapacityStep> = {},
): CapacityStep {
  const served = Math.min(rate, 10);
  return {
    kind: 'rate',
    rate,
    index,
    runId: `20261205-000000-soak-${index}`,
    status: 'passed',
    seconds: 12,
    stoppedBy: sustainable ? 'steady' : 'runaway',
    why: sustainable ? 'steady: throughput ok' : 'running away: TTFT up 80%',
    window: {
      startMs: 0,
      endMs: 10_000,
      seconds: 10,
      requests: served * 10,
      failed: 0,
      throughput: served,
      goodput: sustainable ? served : served / 2,
      errorShare: 0,
      outputTokensPerSecond: served * 16,
      ttftP95: sustainable ? 50 : 4000,
      tpotP95: 25,
      e2eP95: 500,
      e2eMean: 400,
      inFlight: sustainable ? served * 0.4 : 12,
    },
    dropped: 0,
    judgement: sustainable
      ? { sustainable, misses: [] }
      : { sustainable, misses: ['running away'], broke: 'running away' },
    ...extra,
  };
}

const record: CapacityRecord = {
  id: '20261205-000000-capacity-abc',
  target: 'http://127.0.0.1:8080',
  objective: 'ttft_p95=2s,errors=1%',
  startedAt: '2026-12-05T00:00:00.000Z',
  partial: false,
  settings: { capSeconds: 20, minSeconds: 8, precision: 0.05, probeUsers: 16 },
  steps: [
    step(1, 5, true),
    step(2, 9.5, true),
    step(3, 15, false),
    step(4, 10, false, { why: 'x <script>alert(1)</script>' }),
  ],
  maxSustainable: { rate: 9.5, step: 2, why: 'goodput 9.50 req/s of 9.50 req/s offered, objective held' },
  breakingPoint: { rate: 10, step: 4, why: 'running away' },
  knee: { rate: 9.5, inFlight: 3.8, step: 2, why: 'throughput bends at 3.8 requests in flight' },
  notes: ['the server did not break up to 15.00 req/s'],
};

describe('capacity report', () => {
  it('states the three points and the objective', () => {
    const model = buildCapacityModel(record);
    assert.deepEqual(
      model.points.map((p) => [p.name, p.value]),
      [
        ['Maximum sustainable rate', '9.50 req/s'],
        ['Breaking point', '10.00 req/s'],
        ['Knee', '9.50 req/s at 3.8 in flight'],
      ],
    );
    assert.equal(model.objective, 'p95 E2E ≤ 10 s, p95 TTFT ≤ 2 s and errors ≤ 1%');
    assert.equal(model.partial, null);
    assert.equal(model.steps.length, 4);
    assert.equal(model.steps[2]?.verdict, 'running away');
  });

  it('says what was not found, and a partial search', () => {
    const { maxSustainable: _m, breakingPoint: _b, knee: _k, ...rest } = record;
    const model = buildCapacityModel({ ...rest, partial: true, partialReason: 'interrupted by SIGINT' });
    assert.deepEqual(
      model.points.map((p) => p.value),
      ['not found', 'not reached', 'none'],
    );
    assert.match(model.partial ?? '', /interrupted by SIGINT/);
  });

  it('writes capacity.html with every value escaped and the five charts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'inferload-capacity-report-'));
    try {
      const html = readFileSync(writeCapacityReport(dir, record), 'utf8');
      assert.ok(!html.includes('<script>alert(1)</script>'));
      assert.ok(html.includes('x &lt;script&gt;alert(1)&lt;/script&gt;'));
      assert.equal(html.match(/data-chart="/g)?.length, 5);
      assert.match(html, /data-point="Maximum sustainable rate"/);
      assert.match(html, /data-no-verdict/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
