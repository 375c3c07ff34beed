import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeOutcome, EXIT_RUN_FAILED, type OutcomeInputs } from '../../../src/results/run-outcome.ts';

const base: OutcomeInputs = {
  engineExitCode: 0,
  requests: 100,
  failed: 0,
  errorKinds: {},
  iterationsComplete: 100,
  iterationsInterrupted: 0,
  thresholds: [{ metric: 'llm_errors', expression: 'rate<0.01', ok: true, samples: 100 }],
};

describe('computeOutcome', () => {
  it('passes a run that served its requests within its thresholds', () => {
    const outcome = computeOutcome(base);
    assert.deepEqual([outcome.status, outcome.exitCode, outcome.reasons], ['passed', 0, []]);
    assert.equal(outcome.thresholds[0]?.result, 'passed');
  });

  it('fails a run in which no request finished, whatever the thresholds say (the hung server)', () => {
    const outcome = computeOutcome({
      ...base,
      requests: 0,
      iterationsComplete: 0,
      iterationsInterrupted: 8,
      thresholds: [
        { metric: 'llm_errors', expression: 'rate<0.01', ok: true, samples: 0 },
        { metric: 'llm_ttft', expression: 'p(95)<2000', ok: true, samples: 0 },
      ],
    });
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.exitCode, EXIT_RUN_FAILED);
    assert.match(outcome.reasons[0] ?? '', /^no request finished: 8 iterations were cut off mid-request/);
    assert.deepEqual(
      outcome.thresholds.map((t) => t.result),
      ['no data', 'no data'],
    );
  });

  it('fails a run whose every request failed, naming the commonest kinds', () => {
    const outcome = computeOutcome({
      ...base,
      failed: 100,
      errorKinds: { connect_refused: 70, reset: 20, timeout: 10 },
    });
    assert.equal(outcome.status, 'failed');
    assert.equal(
      outcome.reasons[0],
      'no request succeeded: all 100 failed (connect_refused 70, reset 20, timeout 10)',
    );
  });

  it('fails above the error limit and passes at it', () => {
    assert.equal(computeOutcome({ ...base, failed: 51 }).status, 'failed');
    assert.match(computeOutcome({ ...base, failed: 51 }).reasons[0] ?? '', /51% of 100 requests failed/);
    assert.equal(computeOutcome({ ...base, failed: 50 }).status, 'passed');
    const strict = computeOutcome({
      ...base,
      failed: 2,
      limits: { maxErrorShare: 0.01, maxInterruptedShare: 0.5 },
    });
    assert.equal(strict.status, 'failed');
  });

  it('fails when most iterations were cut off mid-request', () => {
    const outcome = computeOutcome({ ...base, requests: 3, iterationsComplete: 3, iterationsInterrupted: 9 });
    assert.equal(outcome.status, 'failed');
    assert.match(outcome.reasons[0] ?? '', /^9 of 12 iterations \(75%\) were cut off mid-request/);
  });

  it('says so when a passing run had many iterations cut off, and a saturating verb can allow them all', () => {
    const some = computeOutcome({ ...base, iterationsComplete: 70, iterationsInterrupted: 30 });
    assert.equal(some.status, 'passed');
    assert.match(
      some.reasons[0] ?? '',
      /^note: 30 of 100 iterations \(30%\) were cut off mid-request; the latency/,
    );
    const saturated = computeOutcome({
      ...base,
      requests: 5,
      iterationsComplete: 5,
      iterationsInterrupted: 31,
      limits: { maxErrorShare: 0.5, maxInterruptedShare: 1 },
    });
    assert.equal(saturated.status, 'passed');
    assert.match(saturated.reasons[0] ?? '', /^note: 31 of 36 iterations \(86%\)/);
    assert.deepEqual(computeOutcome({ ...base, iterationsInterrupted: 10 }).reasons, [], 'no note under 25%');
  });

  it('keeps thresholds failing as their own status (exit 99), with the failed ones named', () => {
    const outcome = computeOutcome({
      ...base,
      engineExitCode: 99,
      thresholds: [{ metric: 'llm_ttft', expression: 'p(95)<2000', ok: false, samples: 100 }],
    });
    assert.deepEqual([outcome.status, outcome.exitCode], ['thresholds_failed', 99]);
    assert.equal(outcome.reasons[0], 'thresholds failed: llm_ttft p(95)<2000');
  });

  it('calls an interrupted run interrupted, naming the signal, and a watchdog abort failed', () => {
    const interrupted = computeOutcome({ ...base, engineExitCode: 105, interruptedBy: 'SIGTERM' });
    assert.deepEqual([interrupted.status, interrupted.exitCode], ['interrupted', 105]);
    assert.equal(interrupted.reasons[0], 'interrupted by SIGTERM: the run is partial');
    const aborted = computeOutcome({
      ...base,
      failed: 40,
      engineExitCode: 108,
      engineReason: 'test aborted by the script: target down: every request failed for 31 s',
    });
    assert.deepEqual([aborted.status, aborted.exitCode], ['failed', EXIT_RUN_FAILED]);
    assert.match(aborted.reasons[0] ?? '', /target down/);
  });

  it('reports an engine error with its own code when nothing else explains it', () => {
    const outcome = computeOutcome({ ...base, engineExitCode: 107, engineReason: 'script error' });
    assert.deepEqual([outcome.status, outcome.exitCode, outcome.reasons], ['error', 107, ['script error']]);
  });

  it("puts the engine's reason before the 'nothing measured' it caused", () => {
    const outcome = computeOutcome({
      ...base,
      requests: 0,
      failed: 0,
      engineExitCode: 255,
      engineReason: 'the script failed in its init code: Error: STREAM=true with API=ollama',
    });
    assert.deepEqual(
      [outcome.status, outcome.exitCode, outcome.reasons],
      [
        'failed',
        EXIT_RUN_FAILED,
        [
          'the script failed in its init code: Error: STREAM=true with API=ollama',
          'no request finished: nothing was measured',
        ],
      ],
    );
  });
});
