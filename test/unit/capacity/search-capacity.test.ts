import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { roundRate, searchCapacity, DEFAULT_SEARCH } from '../../../src/capacity/search-capacity.ts';
import type { CapacityStep, StepLoad } from '../../../src/capacity/types.ts';

/**
 * A server modelled as a queue with a hard capacity: below it every request is served (latency flat); above it
 * the queue grows (TTFT runs away) and, past `breakAt`, requests fail. Closed-loop probes finish `capacity`.
 */
function modelServer(capacity: number, options: { breakAt?: number; sloRate?: number } = {}) {
  const loads: StepLoad[] = [];
  const measure = async (load: StepLoad): Promise<CapacityStep> => {
    loads.push(load);
    const offered = load.rate ?? (load.concurrency === 1 ? capacity / 4 : capacity);
    const served = Math.min(offered, capacity);
    const overloaded = load.rate !== undefined && load.rate > capacity;
    const failing = load.rate !== undefined && options.breakAt !== undefined && load.rate >= options.breakAt;
    const sloMissed = load.rate !== undefined && options.sloRate !== undefined && load.rate > options.sloRate;
    const misses = [
      ...(overloaded ? ['goodput under 95% of the offered rate'] : []),
      ...(sloMissed ? ['p95 TTFT over budget'] : []),
      ...(failing ? ['errors 20% over the 1% limit'] : []),
    ];
    return {
      ...load,
      index: loads.length,
      runId: `run-${loads.length}`,
      status: 'passed',
      seconds: 20,
      stoppedBy: overloaded ? 'runaway' : 'steady',
      why: '',
      window: {
        startMs: 0,
        endMs: 10_000,
        seconds: 10,
        requests: Math.round(served * 10),
        failed: 0,
        throughput: served,
        goodput: overloaded ? served * 0.5 : served,
        errorShare: failing ? 0.2 : 0,
        outputTokensPerSecond: served * 32,
        e2eMean: 400,
        inFlight: overloaded ? 4 + (offered - capacity) * 4 : (served * 400) / 1000,
      },
      dropped: 0,
      judgement: {
        sustainable: misses.length === 0,
        misses,
        ...(failing
          ? { broke: 'errors 20% over the 1% limit' }
          : overloaded
            ? { broke: 'running away' }
            : {}),
      },
    };
  };
  return { measure, loads };
}

const quiet = (): void => undefined;

describe('searchCapacity', () => {
  it('finds the capacity within the precision, the breaking point and the knee', async () => {
    const server = modelServer(10);
    const result = await searchCapacity(server.measure, DEFAULT_SEARCH, quiet);
    assert.deepEqual(
      server.loads.slice(0, 2).map((l) => [l.kind, l.concurrency]),
      [
        ['sync', 1],
        ['throughput', 32],
      ],
    );
    const found = result.maxSustainable?.rate ?? 0;
    assert.ok(found <= 10 && found >= 9.5, `found ${found}`);
    assert.ok((result.breakingPoint?.rate ?? 0) > 10);
    assert.ok(result.knee && result.knee.rate <= 10 && result.knee.rate >= 9, JSON.stringify(result.knee));
    assert.ok(server.loads.filter((l) => l.kind === 'rate').length <= DEFAULT_SEARCH.maxRateSteps);
    assert.deepEqual(
      server.loads.filter((l) => l.kind === 'confirm').map((l) => l.rate),
      [found],
    );
  });

  it('runs the rate found once more, and searches lower when that confirmation misses', async () => {
    const server = modelServer(10);
    const flaky = async (load: StepLoad): Promise<CapacityStep> => {
      const step = await server.measure(load);
      // Near capacity the first look is lucky: only a confirmation shows the queue growing above 9.6 req/s.
      return load.kind === 'confirm' && (load.rate ?? 0) > 9.6
        ? { ...step, judgement: { sustainable: false, misses: ['TTFT still rising 40%'] } }
        : step;
    };
    const result = await searchCapacity(flaky, DEFAULT_SEARCH, quiet);
    const confirms = result.steps.filter((s) => s.kind === 'confirm');
    assert.equal(confirms[0]?.judgement.sustainable, false);
    const found = result.maxSustainable?.rate ?? 0;
    assert.ok(found <= 9.6 && found >= 9, `found ${found}`);
    assert.ok(
      result.steps.some((s) => s.kind === 'rate' && s.rate === roundRate(9)),
      'a missed confirmation steps down 10%, not half',
    );
    assert.equal(result.steps.find((s) => s.index === result.maxSustainable?.step)?.kind, 'confirm');
    assert.match(result.maxSustainable?.why ?? '', /confirmation/);
  });

  it('bisects below the probe when the objective holds only at lower rates', async () => {
    const server = modelServer(10, { sloRate: 6 });
    const result = await searchCapacity(server.measure, DEFAULT_SEARCH, quiet);
    const found = result.maxSustainable?.rate ?? 0;
    assert.ok(found <= 6 && found >= 6 * 0.95, `found ${found}`);
    assert.ok(
      server.loads.some((l) => l.rate === 5),
      'halved from 10 to 5',
    );
  });

  it('narrows a breaking point found by pushing 1.5x down toward the highest rate that did not break', async () => {
    const server = modelServer(10, { sloRate: 6 });
    const result = await searchCapacity(server.measure, DEFAULT_SEARCH, quiet);
    const breaking = server.loads.filter((l) => l.kind === 'breaking').map((l) => l.rate);
    assert.deepEqual(breaking, [15, 12.5, 11.25]);
    assert.equal(result.breakingPoint?.rate, 11.25);
    assert.match(result.breakingPoint?.why ?? '', /10\.00 req\/s did not break/);
  });

  it('grows past a sustainable probe, and pushes on until errors break the server', async () => {
    const server = modelServer(10, { breakAt: 14 });
    const probeLow = async (load: StepLoad) => {
      const step = await server.measure(load);
      // The closed-loop probe finishes only 8/s (think of a client limit): the search must grow past it.
      return load.kind === 'throughput' ? { ...step, window: { ...step.window, throughput: 8 } } : step;
    };
    const result = await searchCapacity(probeLow, { ...DEFAULT_SEARCH, maxBreakingSteps: 3 }, quiet);
    assert.ok(
      server.loads.some((l) => l.rate === roundRate(8 * 1.25)),
      'grew 25% from the probe',
    );
    assert.ok((result.maxSustainable?.rate ?? 0) >= 9.5);
    assert.ok((result.breakingPoint?.rate ?? 0) > 10);
  });

  it('says so when no rate meets the objective, and when one user is not served', async () => {
    const never = modelServer(10, { sloRate: 0.1 });
    const result = await searchCapacity(never.measure, DEFAULT_SEARCH, quiet);
    assert.equal(result.maxSustainable, undefined);
    assert.ok(
      result.notes.some((n) => /objective does not hold even at/.test(n)),
      result.notes.join('\n'),
    );

    const dead = async (load: StepLoad): Promise<CapacityStep> => {
      const step = await modelServer(10).measure(load);
      return {
        ...step,
        window: { ...step.window, requests: 0, throughput: 0 },
        judgement: { sustainable: false, misses: ['no request finished in the judged window'], broke: 'x' },
      };
    };
    const none = await searchCapacity(dead, DEFAULT_SEARCH, quiet);
    assert.equal(none.steps.length, 1);
    assert.match(none.notes[0] ?? '', /one user was not served/);
  });

  it('rounds rates to the engine resolution of one request a minute', () => {
    assert.equal(roundRate(9.996), 10);
    assert.equal(roundRate(0.001), 1 / 60);
    assert.equal(roundRate(2.51) * 60, 151);
  });
});
