// The VU's own cookie jar, renewed at each iteration as k6 renews it.
import type { VuContext } from '../../runtime/vu-context.ts';
import { K6CookieJar } from './cookie-jar.ts';
import type { SharedHttp } from './shared-http.ts';

/**
 * The VU's jar: k6 gives each iteration a fresh one (runner.go), so cookies a server set do not outlive it;
 * a jar made with `new http.CookieJar()` and passed as params.jar is the script's to keep (and with the
 * noCookiesReset option, the VU's too).
 */
export function createIterationJar(ctx: VuContext, shared: SharedHttp): () => K6CookieJar {
  const state = (ctx as { executionState?: () => { vu: { iterationInInstance: number } } }).executionState;
  let jar = new K6CookieJar();
  let signal: AbortSignal | null = null;
  let iteration = -1;
  return () => {
    const nowSignal = ctx.signal();
    const nowIteration = typeof state === 'function' ? state.call(ctx).vu.iterationInInstance : 0;
    if (nowSignal !== signal || nowIteration !== iteration) {
      if (signal !== null && !shared.noCookiesReset) jar = new K6CookieJar();
      signal = nowSignal;
      iteration = nowIteration;
    }
    return jar;
  };
}
