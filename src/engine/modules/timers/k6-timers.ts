// The `k6/timers` module (also the script's global setTimeout & co.): timers on the VU's event loop.
import type { VuContext } from '../../runtime/vu-context.ts';
import { eventLoopOf } from './event-loop.ts';

/** setTimeout, clearTimeout, setInterval, clearInterval as k6 gives them to one VU. */
export interface K6Timers {
  setTimeout(callback: (...args: unknown[]) => unknown, delay?: number, ...args: unknown[]): number;
  clearTimeout(id?: number): void;
  setInterval(callback: (...args: unknown[]) => unknown, delay?: number, ...args: unknown[]): number;
  clearInterval(id?: number): void;
}

const timersByVu = new WeakMap<VuContext, K6Timers>();

/** One VU's timers (the module and the globals share them, ids included), made on first use. */
export function timersOf(vu: VuContext): K6Timers {
  let timers = timersByVu.get(vu);
  if (!timers) {
    timers = createTimers(vu);
    timersByVu.set(vu, timers);
  }
  return timers;
}

/** Makes one VU's timers: each keeps the iteration alive until it fires or is cleared, as in k6. */
function createTimers(vu: VuContext): K6Timers {
  const loop = eventLoopOf(vu);
  const active = new Map<number, () => void>();
  let nextId = 1;

  function start(repeat: boolean, callback: unknown, delay: unknown, args: unknown[]): number {
    if (typeof callback !== 'function') {
      throw new TypeError(`${repeat ? 'setInterval' : 'setTimeout'}: the callback must be a function`);
    }
    const id = nextId++;
    const ms = Math.max(0, Number(delay) || 0);
    const fire = (): void => loop.run(() => (callback as (...a: unknown[]) => unknown)(...args));
    const handle = repeat
      ? setInterval(fire, ms)
      : setTimeout(() => {
          // The callback first: timers it starts must keep the iteration alive before this one lets go.
          fire();
          stop();
        }, ms);
    const release = loop.hold(() => {
      clearTimeout(handle);
      active.delete(id);
    });
    const stop = (): void => {
      clearTimeout(handle);
      active.delete(id);
      release();
    };
    active.set(id, stop);
    return id;
  }

  const clear = (id?: number): void => {
    if (id !== undefined) active.get(id)?.();
  };
  return {
    setTimeout: (callback, delay, ...args) => start(false, callback, delay, args),
    clearTimeout: clear,
    setInterval: (callback, delay, ...args) => start(true, callback, delay, args),
    clearInterval: clear,
  };
}

/** Creates one VU's `k6/timers` module. */
export function createTimersModule(vu: VuContext): Record<string, unknown> {
  const api = { ...timersOf(vu) };
  return { ...api, default: api };
}
