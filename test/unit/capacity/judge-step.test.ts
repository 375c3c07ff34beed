import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { judgeStep } from '../../../src/capacity/judge-step.ts';
import { parseObjective } from '../../../src/results/objective-defaults.ts';
import type { WindowMetrics } from '../../../src/capacity/window-metrics.ts';

const objective = parseObjective('ttft_p95=2s,tpot_p95=100ms,errors=1%');
const window = (fields: Partial<WindowMetrics> = {}): WindowMetrics => ({
  seconds: 20,
  requests: 200,
  failed: 0,
  throughput: 10,
  goodput: 10,
  errorShare: 0,
  outputTokensPerSecond: 320,
  ttftP95: 300,
  tpotP95: 40,
  e2eP95: 2000,
  ...fields,
});

describe('judgeStep', () => {
  it('holds a rate whose goodput keeps up and whose objective holds', () => {
    const j = judgeStep({ load: { kind: 'rate', rate: 10 }, window: window(), dropped: 0 }, objective);
    assert.deepEqual(j, { sustainable: true, misses: [] });
  });

  it('names every miss: goodput under 95%, p95 TTFT and TPOT over budget', () => {
    const j = judgeStep(
      {
        load: { kind: 'rate', rate: 10 },
        window: window({ goodput: 9.4, ttftP95: 2500, tpotP95: 150 }),
        dropped: 0,
      },
      objective,
    );
    assert.equal(j.sustainable, false);
    assert.equal(j.broke, undefined);
    assert.deepEqual(j.misses, [
      'goodput 9.40 req/s is under 95% of the 10.00 req/s offered',
      'p95 TTFT 2.5 s over 2 s',
      'p95 TPOT 150 ms over 100 ms',
    ]);
  });

  it('calls errors over the limit, a runaway queue, dropped arrivals and nothing served a break', () => {
    const errors = judgeStep(
      { load: { kind: 'rate', rate: 10 }, window: window({ errorShare: 0.05 }), dropped: 0 },
      objective,
    );
    assert.match(errors.broke ?? '', /errors 5\.0% over the 1\.0% limit/);
    const runaway = judgeStep(
      {
        load: { kind: 'rate', rate: 10 },
        window: window(),
        dropped: 0,
        steadiness: {
          state: 'runaway',
          why: 'running away: TTFT up 80%',
          throughput: { mean: 10, halfWidthShare: 0.01 },
        },
      },
      objective,
    );
    assert.equal(runaway.broke, 'running away: TTFT up 80%');
    const dropped = judgeStep({ load: { kind: 'rate', rate: 10 }, window: window(), dropped: 50 }, objective);
    assert.match(dropped.broke ?? '', /50 arrivals dropped/);
    const none = judgeStep(
      { load: { kind: 'rate', rate: 10 }, window: window({ requests: 0 }), dropped: 0 },
      objective,
    );
    assert.equal(none.sustainable, false);
    assert.match(none.broke ?? '', /no request finished/);
  });

  it('does not hold a rate whose TTFT was still climbing at the cap', () => {
    const j = judgeStep(
      {
        load: { kind: 'rate', rate: 10 },
        window: window(),
        dropped: 0,
        steadiness: {
          state: 'unsteady',
          why: '',
          throughput: { mean: 10, halfWidthShare: 0.03 },
          ttft: { rise: 0.4, mean: 500, significant: true },
        },
      },
      objective,
    );
    assert.deepEqual(j.misses, ['TTFT still rising 40% at the end of the step']);
  });

  it('judges a closed-loop probe on the objective only', () => {
    const j = judgeStep(
      { load: { kind: 'throughput', concurrency: 16 }, window: window({ goodput: 1 }), dropped: 0 },
      objective,
    );
    assert.equal(j.sustainable, true);
  });
});
