// The globals k6 gives every script besides its modules: the timers and WebCrypto's `crypto`.
import type { VuContext } from '../runtime/vu-context.ts';
import { timersOf } from './timers/k6-timers.ts';
import { createWebCrypto } from './webcrypto/subtle-crypto.ts';

/** setTimeout, clearTimeout, setInterval, clearInterval (the VU's, as k6/timers) and `crypto`, for one VU. */
export function createScriptGlobals(vu: VuContext): Record<string, unknown> {
  return { ...timersOf(vu), crypto: createWebCrypto() };
}
