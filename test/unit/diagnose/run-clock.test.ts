import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRunClock } from '../../../src/diagnose/run-clock.ts';

describe('createRunClock', () => {
  it('stamps ms since the given start and the wall clock', (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: 1_800_000_005_250 });
    const clock = createRunClock(1_800_000_000_000);
    assert.equal(clock.startMs, 1_800_000_000_000);
    assert.deepEqual(clock.stamp(), { t: 5250, ts: 1_800_000_005_250 });
    t.mock.timers.tick(750);
    assert.deepEqual(clock.stamp(), { t: 6000, ts: 1_800_000_006_000 });
  });

  it('starts now when no start is given', (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: 1_800_000_000_000 });
    const clock = createRunClock();
    assert.equal(clock.startMs, 1_800_000_000_000);
    assert.deepEqual(clock.stamp(), { t: 0, ts: 1_800_000_000_000 });
    t.mock.timers.tick(1000);
    assert.deepEqual(clock.stamp(), { t: 1000, ts: 1_800_000_001_000 });
  });
});
