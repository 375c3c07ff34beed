// k6/x/sse (xk6-sse) for one VU: sse.open returns a tracked Promise of the response once the stream ends.
import type { VuContext } from '../../runtime/vu-context.ts';
import { createCancelScope, watchIterationSignal } from '../http/iteration-signal.ts';
import type { SharedHttp } from '../http/shared-http.ts';
import { parseOpenArgs } from './sse-params.ts';
import { type SseResponse, SseStream } from './sse-stream.ts';
import { CONTEXT_CANCELED } from './go-error-text.ts';

/** What `import sse from 'k6/x/sse'` gives a script. */
export interface K6SseModule {
  open(url: string, ...args: unknown[]): Promise<SseResponse>;
}

/** Creates the module instance of one VU. */
export function createSseModule(ctx: VuContext, shared: SharedHttp): K6SseModule {
  const scope = createCancelScope(ctx);
  return {
    open(url: string, ...args: unknown[]): Promise<SseResponse> {
      if (ctx.isInit()) throw new Error('using sse in the init context is not supported');
      const openArgs = parseOpenArgs(url, args, shared.userAgent);
      const live = watchIterationSignal(scope);
      const response = new Promise<SseResponse>((resolve, reject) => {
        if (!live) resolve({ url: '', status: 0, headers: null, error: CONTEXT_CANCELED });
        else new SseStream(scope, openArgs, { resolve, reject }).start(shared);
      });
      return ctx.track(response, `sse.open(${openArgs.url})`);
    },
  };
}
