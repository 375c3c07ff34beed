import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatLiveLine } from '../../../src/distributed/live-line.ts';

describe('formatLiveLine', () => {
  it('sums the parts, gives the recent rate over the last 10 s and each part state', () => {
    const history: { at: number; requests: number }[] = [];
    formatLiveLine([{ name: 'a', requests: 0, failedShare: 0 }], 0, history);
    formatLiveLine([{ name: 'a', requests: 100, failedShare: 0 }], 10_000, history);
    const line = formatLiveLine(
      [
        { name: 'a', requests: 150, failedShare: 0.1 },
        { name: 'b', requests: 50, failedShare: 0 },
        { name: 'c', exited: 137 },
      ],
      20_000,
      history,
    );
    // 200 requests now against 100 at 10 s: 10 req/s lately (the whole run's average would also be 10; the first
    // 10 s are no longer in the window, so 100 -> 200 over 10 s it is). 15 of 200 failed.
    assert.equal(
      line,
      'distributed: running (0m20.0s), 3 parts, 200 requests, 10.0 req/s, errors 7.5%, a running, b running, c exited 137',
    );
    assert.equal(history.length, 2, 'older totals leave the window');
  });
});
