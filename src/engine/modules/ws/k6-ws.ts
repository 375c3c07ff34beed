// The `k6/ws` module: ws.connect blocks (here: its promise settles) until the session closes.
import type { VuContext } from '../../runtime/vu-context.ts';
import { DialError, type HandshakeResponse, dialWebSocket } from './dial-websocket.ts';
import { parseConnectArgs } from './ws-connect-args.ts';
import { WsSamples, sessionTags } from './ws-samples.ts';
import { WsSocket } from './ws-socket.ts';

/** One VU's `k6/ws`: connect(url, [params], callback) resolves with the handshake response when closed. */
export function createWsModule(ctx: VuContext, userAgent: () => string): Record<string, unknown> {
  function connect(url: unknown, ...args: unknown[]): Promise<HandshakeResponse> {
    if (ctx.isInit()) throw new Error('using websockets in the init context is not supported');
    const parsed = parseConnectArgs(args, userAgent());
    const target = String(url);
    return ctx.track(runSession(ctx, target, parsed), `ws.connect(${JSON.stringify(target)})`);
  }
  const api = { connect };
  return { ...api, default: api };
}

async function runSession(
  ctx: VuContext,
  url: string,
  args: ReturnType<typeof parseConnectArgs>,
): Promise<HandshakeResponse> {
  const signal = ctx.signal();
  let dialed;
  try {
    dialed = await dialWebSocket(url, { headers: args.headers, compression: args.compression, signal });
  } catch (error) {
    if (!(error instanceof DialError)) throw error;
    const samples = new WsSamples(ctx, sessionTags(ctx, url, error.response, args.tags));
    samples.connected(error.startedAt, error.connectingMs);
    samples.ended(error.startedAt, error.connectingMs, { sent: 0, received: 0 });
    // ws.go hands the error to the callback's handlers only once it has run: none are registered yet.
    if (ctx.options.throw) throw new Error(error.message);
    return error.response ?? { url: '', status: 0, headers: {}, body: '', error: error.message };
  }
  const { ws, response, startedAt, connectingMs } = dialed;
  const samples = new WsSamples(ctx, sessionTags(ctx, url, response, args.tags));
  samples.connected(startedAt, connectingMs);
  const started = performance.now() - connectingMs;
  return new Promise<HandshakeResponse>((resolve, reject) => {
    let failure: unknown;
    // Handlers the blocking transform made async, still running: the session ends after them.
    const running = new Set<Promise<unknown>>();
    const settle = (): void => {
      if (running.size > 0) {
        void Promise.allSettled([...running]).then(settle);
        return;
      }
      if (failure !== undefined) reject(failure as Error);
      else resolve(response);
    };
    const finish = (): void => {
      signal.removeEventListener('abort', onAbort);
      samples.ended(startedAt, performance.now() - started, dialed.traffic());
      settle();
    };
    // A throwing handler ends the session and ws.connect rethrows, as in k6.
    const dispatch = (callback: () => unknown): unknown => {
      if (failure !== undefined) return undefined;
      try {
        const result = callback();
        if (result instanceof Promise) {
          const pending: Promise<unknown> = result.catch(fail).finally(() => running.delete(pending));
          running.add(pending);
          return pending;
        }
        return result;
      } catch (error) {
        fail(error);
        return undefined;
      }
    };
    const socket = new WsSocket(ws, samples, dispatch, finish);
    const fail = (error: unknown): void => {
      failure ??= error;
      socket.close(1001);
    };
    const onAbort = (): void => socket.close(1001);
    signal.addEventListener('abort', onAbort, { once: true });
    // `open` fires once the callback has run, also when (made async by the blocking transform) it awaited.
    const setupDone = dispatch(() => args.setup(socket));
    void Promise.resolve(setupDone).then(() => {
      if (failure === undefined) socket.emit('open');
    });
  });
}
