import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LiveSampleMerge } from '../../../src/distributed/live-samples.ts';
import type { Sample } from '../../../src/engine/metrics/types.ts';

const at = (time: number, metric = 'vus'): Sample => ({ metric, time, value: 1, tags: {} });

describe('LiveSampleMerge', () => {
  it('hands samples on in time order once every running part has written past them', () => {
    const out: number[] = [];
    const merge = new LiveSampleMerge(2, (s) => out.push(s.time));
    merge.add(0, at(100));
    merge.add(0, at(300));
    assert.deepEqual(out, [], 'part 1 has written nothing: it may still write an earlier sample');
    merge.add(1, at(200));
    assert.deepEqual(out, [100, 200]);
    merge.add(1, at(250));
    assert.deepEqual(out, [100, 200, 250], 'part 0 is at 300: 250 is safe, 300 waits for part 1');
    merge.add(1, at(400));
    assert.deepEqual(out, [100, 200, 250, 300]);
  });

  it('lets an ended part stop holding the others back, and flushes what it queued', () => {
    const out: number[] = [];
    const merge = new LiveSampleMerge(3, (s) => out.push(s.time));
    merge.add(0, at(10));
    merge.add(1, at(20));
    merge.add(1, at(40));
    assert.deepEqual(out, []);
    merge.end(2);
    assert.deepEqual(out, [10]);
    merge.end(0);
    assert.deepEqual(out, [10, 20, 40]);
    merge.add(0, at(50));
    assert.deepEqual(out, [10, 20, 40], 'an ended part adds nothing more');
  });

  it('keeps equal times from different parts, earlier parts first', () => {
    const out: string[] = [];
    const merge = new LiveSampleMerge(2, (s) => out.push(s.metric));
    merge.add(1, at(5, 'b'));
    merge.add(0, at(5, 'a'));
    merge.end(0);
    merge.end(1);
    assert.deepEqual(out, ['a', 'b']);
  });
});
