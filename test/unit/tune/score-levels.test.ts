import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CellResult } from '../../../src/campaign/types.ts';
import { parseObjective } from '../../../src/results/objective-defaults.ts';
import { scoreLevels } from '../../../src/tune/evaluate-server-cell.ts';

const prepared = {
  spec: {
    serverFactors: [{ name: 'parallel_slots', presetKey: 'parallel_slots', levels: [] }],
    loadFactors: [{ name: 'concurrency', values: [4, 16] }],
  },
} as unknown as Parameters<typeof scoreLevels>[3];

function level(
  load: number,
  goodput: number,
  figures: { ttftP95?: number; failed?: number; outcome?: string } = {},
): CellResult {
  return {
    cell: {
      id: `s00-l0${load === 4 ? 0 : 1}-r1`,
      serverIndex: 0,
      server: { parallel_slots: 4 },
      load: { concurrency: load },
      repetition: 1,
    },
    runId: `run-${load}`,
    outcome: figures.outcome ?? 'passed',
    metrics: {
      requests: 100,
      failed: figures.failed ?? 0,
      durationSeconds: 10,
      requestsPerSecond: 10,
      outputTokensPerSecond: 100,
      outputTokens: 1000,
      goodputPerSecond: goodput,
      ttftP95: figures.ttftP95 ?? 500,
      e2eP95: 2000,
      errorsByKind: {},
      proxyErrors: 0,
    },
    startedAt: '',
    endedAt: '',
  };
}

const objective = parseObjective('ttft_p95=2s,errors=1%');

describe('scoreLevels', () => {
  it('scores the most goodput among the load levels where the objective held', () => {
    const m = scoreLevels([level(4, 6), level(16, 9, { ttftP95: 3000 })], objective, 10, prepared);
    assert.equal(m.score, 6);
    assert.equal(m.held, true);
    assert.equal(m.loadSeconds, 20);
    assert.deepEqual(m.runIds, ['run-4', 'run-16']);
    assert.equal(m.detail, 'at concurrency=4');
  });

  it('falls back to the most goodput, marked as missing the objective, when no level held', () => {
    const m = scoreLevels(
      [level(4, 6, { failed: 5 }), level(16, 9, { ttftP95: 3000 })],
      objective,
      10,
      prepared,
    );
    assert.equal(m.score, 9);
    assert.equal(m.held, false);
    assert.match(m.detail ?? '', /^at concurrency=16; p95 TTFT 3(\.0)? s is over the 2(\.0)? s budget/);
  });

  it('gives a level whose run failed no goodput', () => {
    const m = scoreLevels([level(4, 6, { outcome: 'failed' })], objective, 10, prepared);
    assert.equal(m.score, 0);
    assert.equal(m.held, false);
  });
});
