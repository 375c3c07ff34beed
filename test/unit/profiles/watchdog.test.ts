import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TargetWatchdog } from '../../../profiles/lib/watchdog.ts';

const refused = { kind: 'connect_refused', message: 'dial tcp 127.0.0.1:9: connect: connection refused' };

describe('TargetWatchdog', () => {
  it('stays quiet while requests succeed, and after a success resets', () => {
    const dog = new TargetWatchdog(10, 30);
    assert.deepEqual(dog.observe(0, 1000, undefined), { backoffSeconds: 0 });
    dog.observe(0, 11_000, refused);
    dog.observe(11_000, 12_000, refused);
    assert.deepEqual(dog.observe(12_000, 13_000, undefined), { backoffSeconds: 0 });
    assert.deepEqual(dog.observe(13_000, 40_000, refused), { backoffSeconds: 0 });
  });

  it('backs off and says so once after N seconds of nothing but failures, then ends the run after the grace', () => {
    const dog = new TargetWatchdog(10, 30);
    let t = 0;
    const decisions = [];
    while (t <= 32_000) {
      decisions.push(dog.observe(t, t + 100, refused));
      t += 1000;
    }
    const warned = decisions.filter((d) => d.warn);
    assert.equal(warned.length, 1, 'said once');
    assert.match(warned[0]?.warn ?? '', /every request failed for 10 s \(last: connect_refused: dial tcp/);
    assert.equal(decisions[9]?.backoffSeconds, 0, 'no back-off before 10 s');
    assert.ok((decisions[10]?.backoffSeconds ?? 0) > 0, 'back-off from 10 s');
    assert.ok(
      decisions.every((d) => d.backoffSeconds <= 5),
      'back-off capped at 5 s',
    );
    const abort = decisions.find((d) => d.abort);
    assert.match(
      abort?.abort ?? '',
      /^target down: every request failed for 30 s \(31 in a row; last: connect_refused/,
    );
  });

  it('needs a few failures, not one slow timeout, and is off at 0', () => {
    const dog = new TargetWatchdog(10, 30);
    assert.deepEqual(dog.observe(0, 120_000, { kind: 'timeout' }), { backoffSeconds: 0 });
    const off = new TargetWatchdog(0, 30);
    for (let i = 0; i < 10; i += 1) assert.deepEqual(off.observe(0, 100_000, refused), { backoffSeconds: 0 });
  });
});
