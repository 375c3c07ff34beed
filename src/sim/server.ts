// The simulator's HTTP server: dispatches to the llama-server, OpenAI and Ollama routes, applying faults first.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { realClock, type Clock } from './clock.ts';
import {
  createSimContext,
  loadRemainingMs,
  snapshotStats,
  type SimContext,
  type SimStats,
} from './context.ts';
import { drawFault, FAULT_HEADER, listFaultKinds, parseFaultHeader, type Fault } from './faults.ts';
import { parseJsonBody, readBody, RequestError, sendError, sendText, type ErrorStyle } from './http-io.ts';
import { resolveSimOptions, type SimOptions, type SimOptionsInput } from './options.ts';
import type { Route } from './route.ts';
import { createRouteTable } from './route-table.ts';
import { handleBatchApi, isBatchApiPath } from './batch-api-routes.ts';
import { awaitModel, logRequest, trackGeneration, type SimRequestLogEntry } from './wear.ts';

export interface RunningSim {
  readonly url: string;
  readonly port: number;
  readonly options: SimOptions;
  /** Counters since start: requests, completions, cancellations, faults, tokens, queue state. */
  stats(): SimStats;
  /** Every request so far, when started with logRequests. */
  requestLog(): readonly SimRequestLogEntry[];
  /** Resolves when crashAfterRequests made the server die (it no longer listens). */
  readonly crashed: Promise<void>;
  /** Drops open streams and stops listening. */
  close(): Promise<void>;
}

const HTML_GARBAGE =
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>' +
  '<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n';

/** Starts the simulator on options.host:options.port (127.0.0.1, a free port by default). */
export async function startSim(input: SimOptionsInput = {}, clock: Clock = realClock): Promise<RunningSim> {
  const options = resolveSimOptions(input);
  const ctx = createSimContext(options, clock);
  const routes = createRouteTable(options.persona);
  const server = createServer((req, res) => void handleRequest(ctx, routes, req, res));
  // vLLM opens its port only once the model is loaded: until then a client sees connection refused.
  if (options.persona === 'vllm' && options.loadMs > 0) await delay(options.loadMs);
  await listen(server, options.host, options.port);
  const port = (server.address() as AddressInfo).port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  ctx.selfUrl = `http://${host}:${port}`;
  const close = async (): Promise<void> => {
    ctx.shutdown.abort();
    ctx.scheduler.close();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  };
  const crashed = new Promise<void>((resolve) => {
    // Like a dead process: every connection drops at once, in-flight answers included.
    ctx.wear.crash = () => void close().then(resolve);
  });
  return {
    url: ctx.selfUrl,
    port,
    options,
    stats: () => snapshotStats(ctx),
    requestLog: () => [...ctx.wear.log],
    crashed,
    close,
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

async function handleRequest(
  ctx: SimContext,
  routes: ReadonlyMap<string, Route>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const arrivedAt = ctx.clock.now();
  ctx.counters.requests++;
  res.on('finish', () => {
    if (res.statusCode >= 400) ctx.counters.errors++;
  });
  const url = new URL(req.url ?? '/', 'http://sim');
  if (ctx.options.logRequests) {
    const id = req.headers['x-client-request-id'];
    logRequest(ctx.wear, req.method ?? '', url.pathname, typeof id === 'string' ? id : undefined, res);
  }
  if (ctx.options.batchApi && isBatchApiPath(url.pathname)) {
    return handleBatchApi(ctx, req, res, url.pathname).catch((error: unknown) => {
      const status = error instanceof RequestError ? error.status : 500;
      sendError(res, 'llama', status, (error as Error).message);
    });
  }
  const route = routes.get(url.pathname);
  const style: ErrorStyle = route?.style ?? (url.pathname.startsWith('/api/') ? 'ollama' : 'llama');
  try {
    if (!route) throw new RequestError(404, `File Not Found: ${url.pathname}`);
    if (req.method !== route.method)
      throw new RequestError(405, `${url.pathname} accepts ${route.method} only`);
    const text = route.method === 'POST' ? await readBody(req) : '';
    const fault = chooseFault(ctx, req, route);
    if (fault.slowHeadersMs !== undefined)
      await delay(fault.slowHeadersMs, undefined, { signal: ctx.shutdown.signal });
    if (fault.status !== undefined)
      return sendError(res, style, fault.status, `simulated fault: HTTP ${fault.status}`);
    if (fault.html) return sendText(res, 200, 'text/html; charset=utf-8', HTML_GARBAGE);
    if (!route.servesWhileLoading && loadRemainingMs(ctx) > 0) throw new RequestError(503, 'Loading model');
    const body = route.method === 'POST' ? parseJsonBody(text) : undefined;
    const loadWaitedMs = route.generates
      ? await awaitModel(ctx.wear, ctx.options, ctx.clock, ctx.shutdown.signal)
      : 0;
    if (route.generates) trackGeneration(ctx.wear, ctx.options, ctx.clock, res);
    await route.handle({ ctx, req, res, url, body, fault, arrivedAt, loadWaitedMs });
  } catch (error) {
    if (error instanceof RequestError) sendError(res, style, error.status, error.message, error.type);
    else sendError(res, style, 500, `simulator bug: ${(error as Error).message}`);
  }
}

/** The x-sim-fault header wins; without it, generation routes draw a seeded global fault. */
function chooseFault(ctx: SimContext, req: IncomingMessage, route: Route): Fault {
  const header = req.headers[FAULT_HEADER];
  const fault = typeof header === 'string' ? parseFaultHeader(header) : undefined;
  const drawn = route.generates ? drawFault(ctx.faultRandom, ctx.options) : {};
  const chosen = fault ?? drawn;
  for (const kind of listFaultKinds(chosen)) ctx.counters.faults[kind]++;
  return chosen;
}
