// The bench soak row's arithmetic: the warm-up left out, the least-squares slope and the GC floor's slope.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseWarmup, computeFloorSlope, computeRssSlope } from '../../../src/perf/soak.ts';

const MB = 2 ** 20;

describe('bench soak row', () => {
  it('leaves a minute (or a fifth of a short run) out as warm-up', () => {
    assert.equal(chooseWarmup(10), 60);
    assert.equal(chooseWarmup(1), 12);
  });

  it('fits RSS per minute after the warm-up only', () => {
    // A start-up climb of 100 MB, then 3 MB per minute.
    const samples = Array.from({ length: 121 }, (_, i) => {
      const s = i * 5;
      return { s, rssBytes: (s < 60 ? s * 2 : 200 + ((s - 60) / 60) * 3) * MB };
    });
    assert.ok(Math.abs(computeRssSlope(samples, 60) / MB - 3) < 1e-9);
    assert.ok(computeRssSlope(samples, 0) / MB > 3, 'with the warm-up in, the slope is steeper');
  });

  it('reads the floor a sawtooth of collections returns to', () => {
    // Garbage climbs 20 MB and is collected every 30 s; the floor under it rises 2 MB per minute.
    const samples = Array.from({ length: 240 }, (_, i) => {
      const s = 60 + i * 5;
      const floor = 150 + ((s - 60) / 60) * 2;
      return { s, rssBytes: (floor + ((s % 30) / 30) * 20) * MB };
    });
    const floor = computeFloorSlope(samples, 60) / MB;
    assert.ok(Math.abs(floor - 2) < 0.2, `floor slope ${floor}`);
    const flat = samples.map((p) => ({ s: p.s, rssBytes: (150 + ((p.s % 30) / 30) * 20) * MB }));
    assert.ok(Math.abs(computeFloorSlope(flat, 60) / MB) < 0.2);
  });
});
