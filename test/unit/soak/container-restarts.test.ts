import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  describeContainerRestart,
  withContainerEvidence,
  type RestartVerdict,
} from '../../../src/diagnose/soak/find-restarts.ts';
import { parseContainerInspect } from '../../../src/podman/inspect-container.ts';

const STARTED = '2026-12-05T08:00:00.000000000Z';
const before = { running: true, restartCount: 0, startedAt: STARTED };
const quietPids: RestartVerdict = {
  verdict: 'none',
  reason: 'pid 42 served the whole run (30 samples)',
  watched: 'the server process sampled by diagnose (pid 42)',
  events: [],
};

describe('container restarts', () => {
  it('reads RestartCount from podman inspect', () => {
    const info = parseContainerInspect(
      JSON.stringify([{ Id: 'abc', Name: 'inferload-x', RestartCount: 2, State: { Running: true, Pid: 7 } }]),
    );
    assert.equal(info.restartCount, 2);
  });

  it('says nothing happened when the count and the start time held', () => {
    assert.equal(describeContainerRestart({ name: 'c', before, after: { ...before } }), undefined);
    const verdict = withContainerEvidence(quietPids, { name: 'c', before, after: { ...before } });
    assert.equal(verdict.verdict, 'none');
    assert.match(
      verdict.reason,
      /pid 42 served the whole run .*; container c not restarted \(RestartCount 0\)/,
    );
  });

  it('turns a quiet pid verdict into a restart when podman restarted the container', () => {
    const after = { running: true, restartCount: 1, startedAt: '2026-12-05T08:00:31.000000000Z' };
    const verdict = withContainerEvidence(quietPids, { name: 'inferload-x', before, after });
    assert.equal(verdict.verdict, 'restarted');
    assert.equal(
      verdict.reason,
      'container inferload-x: podman restarted it 1 time(s) (RestartCount 0 -> 1), ' +
        `started again at 2026-12-05T08:00:31.000000000Z (was ${STARTED})`,
    );
  });

  it('counts a container started again by hand, stopped, or gone', () => {
    const byHand = { ...before, startedAt: '2026-12-05T08:01:00Z' };
    assert.match(describeContainerRestart({ name: 'c', before, after: byHand }) ?? '', /started again at/);
    assert.match(
      describeContainerRestart({ name: 'c', before, after: { ...before, running: false } }) ?? '',
      /not running after the run/,
    );
    assert.equal(describeContainerRestart({ name: 'c', before }), 'container c was gone after the run');
  });

  it('judges from the container alone when no pid was watched', () => {
    const unjudged: RestartVerdict = { verdict: 'not judged', reason: 'nothing sampled', events: [] };
    const verdict = withContainerEvidence(unjudged, { name: 'c', before, after: { ...before } });
    assert.deepEqual([verdict.verdict, verdict.watched], ['none', 'container c']);
    const restarted = withContainerEvidence(unjudged, {
      name: 'c',
      before,
      after: { ...before, restartCount: 3 },
    });
    assert.equal(restarted.verdict, 'restarted');
  });
});
