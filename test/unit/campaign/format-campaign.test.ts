import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatCellEnd,
  formatCellStart,
  formatDuration,
  formatPlan,
} from '../../../src/campaign/format-campaign.ts';
import { planCampaign } from '../../../src/campaign/plan-campaign.ts';
import { parseSweepSpec } from '../../../src/campaign/read-sweep-spec.ts';
import type { CellResult } from '../../../src/campaign/types.ts';
import { tinyPlanFacts } from '../../helpers/campaign-plan.ts';

function plan(): ReturnType<typeof planCampaign> {
  const spec = parseSweepSpec(
    'server_factors:\n  parallel_slots: [1, 2]\nload_factors:\n  concurrency: [2, 4]\nduration: 20s\n',
    'quick.yaml',
  );
  return planCampaign(spec, 'quick-1', tinyPlanFacts());
}

describe('the campaign terminal text', () => {
  it('prints the plan, and on a resume marks the cells done and how many are left', () => {
    const fresh = formatPlan(plan(), 'campaign quick-1');
    assert.match(fresh, /cells: 4 \(2 server x 2 load\), 0 skipped, 4 to run\n/);
    const resumed = formatPlan(
      plan(),
      'campaign quick-1',
      new Set(['s00-l00-r1', 's00-l01-r1', 's01-l00-r1']),
    );
    assert.match(resumed, /s00-l01-r1 concurrency=4 {2}\(done\)/);
    assert.match(resumed, /4 to run in all: 3 already done, 1 left/);
  });

  it('says where the campaign stands before a cell and what the cell measured after it', () => {
    const cell = plan().cells[1];
    assert.ok(cell);
    const result: CellResult = {
      cell,
      runId: 'r1',
      outcome: 'passed',
      metrics: {
        requests: 200,
        failed: 4,
        durationSeconds: 20,
        requestsPerSecond: 10,
        outputTokensPerSecond: 640.26,
        outputTokens: 12805,
        errorsByKind: { proxy_502: 4 },
        proxyErrors: 4,
      },
      startedAt: '',
      endedAt: '',
    };
    assert.equal(
      formatCellStart({ k: 2, n: 4, elapsedSeconds: 75, remainingSeconds: 3725 }, cell, result),
      'campaign: cell 2 of 4 s00-l01-r1 (parallel_slots=1 concurrency=4), elapsed 1m15s, remaining ~1h02m, ' +
        'best so far s00-l01-r1 640.3 tok/s',
    );
    assert.equal(
      formatCellEnd(result),
      'campaign: s00-l01-r1 passed: 10.00 req/s, 640.3 tok/s, errors 4/200 (2.0%), proxy errors 4, run r1',
    );
    assert.equal(formatDuration(42), '42s');
  });
});
