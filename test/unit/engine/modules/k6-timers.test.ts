// k6/timers on the VU's event loop: an iteration waits for its timers, clears and errors as k6's loop.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { timersOf } from '../../../../src/engine/modules/timers/k6-timers.ts';
import { eventLoopOf, waitForEventLoop } from '../../../../src/engine/modules/timers/event-loop.ts';
import { createScriptGlobals } from '../../../../src/engine/modules/script-globals.ts';
import { createFakeVuContext } from './helpers.ts';

describe('k6/timers', () => {
  it('keeps the iteration until every timer, and timers started by timers, have fired', async () => {
    const ctx = createFakeVuContext();
    const timers = timersOf(ctx);
    const order: string[] = [];
    timers.setTimeout(() => {
      order.push('first');
      timers.setTimeout((arg: unknown) => order.push(`nested:${String(arg)}`), 1, 'x');
    }, 2);
    timers.setTimeout(() => order.push('zero'), 0);
    await waitForEventLoop(ctx);
    assert.deepEqual([...order].sort(), ['first', 'nested:x', 'zero']);
    assert.ok(order.indexOf('nested:x') > order.indexOf('first'));
    assert.equal(eventLoopOf(ctx).size, 0);
  });

  it('runs an interval until cleared, and a cleared timeout never fires', async () => {
    const ctx = createFakeVuContext();
    const timers = timersOf(ctx);
    let ticks = 0;
    const never = timers.setTimeout(() => assert.fail('cleared timer fired'), 1);
    timers.clearTimeout(never);
    const id = timers.setInterval(() => {
      ticks += 1;
      if (ticks === 3) timers.clearInterval(id);
    }, 1);
    await waitForEventLoop(ctx);
    assert.equal(ticks, 3);
  });

  it('ends the iteration with a callback error and cancels the other timers', async () => {
    const ctx = createFakeVuContext();
    const timers = timersOf(ctx);
    let later = false;
    timers.setTimeout(() => {
      throw new Error('timer failed');
    }, 1);
    timers.setTimeout(() => (later = true), 50);
    await assert.rejects(waitForEventLoop(ctx), /timer failed/);
    assert.equal(later, false);
    await waitForEventLoop(ctx);
  });

  it('waits for an async callback and reports its rejection', async () => {
    const ctx = createFakeVuContext();
    timersOf(ctx).setTimeout(async () => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      throw new Error('async timer failed');
    }, 0);
    await assert.rejects(waitForEventLoop(ctx), /async timer failed/);
  });

  it('cancels pending timers when the iteration is hard-stopped', async () => {
    const ctx = createFakeVuContext();
    let fired = false;
    timersOf(ctx).setInterval(() => (fired = true), 20);
    ctx.hardStop();
    await waitForEventLoop(ctx);
    assert.equal(fired, false);
  });

  it('shares the timers between the module and the script globals; a non-function callback throws', () => {
    const ctx = createFakeVuContext();
    const globals = createScriptGlobals(ctx);
    assert.equal(globals['setTimeout'], timersOf(ctx).setTimeout);
    assert.throws(() => timersOf(ctx).setTimeout('code' as never, 1), /callback must be a function/);
  });
});
