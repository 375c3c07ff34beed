import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { type HopStamps, computeTimings } from '../../../../../src/engine/modules/http/timings.ts';

const base: HopStamps = {
  startedAt: 100,
  readyAt: 110,
  wroteAt: 111,
  firstByteAt: 161,
  endedAt: 170,
  connectStartAt: 101,
  connectDoneAt: 109,
  tlsDoneAt: 0,
};

describe('computeTimings', () => {
  it("splits a hop as k6's tracer does", () => {
    assert.deepEqual(computeTimings(base), {
      duration: 60,
      blocked: 10,
      looking_up: 0,
      connecting: 8,
      tls_handshaking: 0,
      sending: 1,
      waiting: 50,
      receiving: 9,
    });
  });

  it('counts TLS from TCP done to handshake done', () => {
    assert.equal(computeTimings({ ...base, connectDoneAt: 105, tlsDoneAt: 109 }).tls_handshaking, 4);
  });

  it('reports a reused connection with no connecting time', () => {
    assert.equal(computeTimings({ ...base, connectStartAt: 0, connectDoneAt: 0 }).connecting, 0);
  });

  it('counts waiting until the end when no response byte came (timeout)', () => {
    const timings = computeTimings({ ...base, firstByteAt: 0, endedAt: 200 });
    assert.equal(timings.waiting, 89);
    assert.equal(timings.receiving, 0);
    assert.equal(timings.duration, 90);
  });

  it('is all zero when no connection was obtained (connection refused)', () => {
    const timings = computeTimings({ ...base, readyAt: 0, wroteAt: 0, firstByteAt: 0, connectDoneAt: 0 });
    assert.deepEqual(Object.values(timings), [0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
