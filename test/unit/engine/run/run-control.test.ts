import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { RunControl, ScriptAbort } from '../../../../src/engine/run/run-control.ts';

describe('RunControl', () => {
  it('lets the first abort name the exit code and the reason', () => {
    const control = new RunControl();
    control.abort(99, 'thresholds crossed');
    control.abort(105, 'interrupted');
    assert.equal(control.code, 99);
    assert.equal(control.reason, 'thresholds crossed');
    assert.ok(control.signal.aborted);
    assert.ok(control.signal.reason instanceof ScriptAbort);
  });

  it('unwinds the script on exec.test.abort() and remembers exec.test.fail()', () => {
    const control = new RunControl();
    control.failByScript('first');
    assert.equal(control.reason, 'first');
    assert.throws(() => control.abortByScript('enough'), ScriptAbort);
    assert.equal(control.code, 108);
    assert.equal(control.reason, 'test aborted by the script: enough');
    assert.ok(control.failed);
  });

  it('stops at once on a signal that already fired, naming its `by`', () => {
    const caller = new AbortController();
    caller.abort({ by: 'SIGTERM' });
    const control = new RunControl();
    control.watch(caller.signal);
    assert.equal(control.code, 105);
    assert.match(control.reason ?? '', /^interrupted \(SIGTERM\)/);
  });

  it('says Ctrl-C when the signal names nothing, and stops listening on unwatch', () => {
    const caller = new AbortController();
    const control = new RunControl();
    control.watch(caller.signal);
    assert.equal(getEventListeners(caller.signal, 'abort').length, 1);
    caller.abort();
    assert.match(control.reason ?? '', /^interrupted \(Ctrl-C\)/);
    const later = new AbortController();
    const other = new RunControl();
    other.watch(later.signal);
    other.unwatch();
    assert.equal(getEventListeners(later.signal, 'abort').length, 0);
    later.abort();
    assert.equal(other.code, undefined);
  });
});
