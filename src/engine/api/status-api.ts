// The part of k6's REST API (api/v1, `--address`, default localhost:6565) that a start barrier needs:
// GET /v1/status reads the run's status, PATCH /v1/status resumes a paused run ({"paused": false}) or stops it
// ({"stopped": true}). Bodies are k6's JSON:API shapes. Other endpoints answer 404; pausing a run that has started
// and setting VUs (externally-controlled) answer 400, which the embedded engine does not support.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UserError } from '../../util/errors.ts';
import { EXIT_INVALID_CONFIG } from '../exit-codes.ts';

/** The attributes of k6's Status (api/v1/status.go), by their JSON names. */
export interface StatusAttributes {
  status: number;
  paused: boolean;
  vus: number;
  'vus-max': number;
  stopped: boolean;
  running: boolean;
  tainted: boolean;
}

export interface StatusApiHooks {
  status(): StatusAttributes;
  /** A metric's type and current aggregate, as k6's GET /v1/metrics/{id}; undefined when there is none. */
  metric(id: string): { type: string; contains: string; sample: Record<string, number> } | undefined;
  resume(): void;
  stop(): void;
}

export interface StatusApi {
  /** host:port it listens on (the port chosen when --address asked for 0). */
  readonly address: string;
  close(): Promise<void>;
}

/** Splits k6's --address (host:port; an IPv6 host in brackets); a bad one is exit 104. */
export function parseApiAddress(address: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(address);
  const port = Number(match?.[3]);
  if (!match || port > 65535) {
    throw new UserError(
      `--address ${address}: expected host:port, e.g. localhost:6565 or 127.0.0.1:0`,
      EXIT_INVALID_CONFIG,
    );
  }
  return { host: match[1] ?? match[2] ?? '', port };
}

function send(response: ServerResponse, code: number, body: unknown): void {
  response.writeHead(code, { 'Content-Type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

function sendError(response: ServerResponse, code: number, title: string, detail = ''): void {
  send(response, code, { errors: [{ status: String(code), title, ...(detail ? { detail } : {}) }] });
}

function statusBody(hooks: StatusApiHooks): unknown {
  return { data: { type: 'status', id: 'default', attributes: hooks.status() } };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function patchStatus(request: IncomingMessage, response: ServerResponse, hooks: StatusApiHooks) {
  let attributes: Record<string, unknown>;
  try {
    const body = JSON.parse(await readBody(request)) as { data?: { attributes?: unknown } };
    const found = body.data?.attributes;
    if (typeof found !== 'object' || found === null) throw new Error('no data.attributes');
    attributes = found as Record<string, unknown>;
  } catch (error) {
    sendError(response, 400, 'Bad Request', error instanceof Error ? error.message : String(error));
    return;
  }
  if (attributes['vus'] !== undefined || attributes['vus-max'] !== undefined) {
    sendError(
      response,
      400,
      'setting VUs needs the externally-controlled executor, which the embedded engine lacks',
    );
    return;
  }
  if (attributes['stopped'] === true) hooks.stop();
  if (attributes['paused'] === true && hooks.status().running) {
    sendError(response, 400, 'the embedded engine cannot pause a run that has started');
    return;
  }
  if (attributes['paused'] === false) hooks.resume();
  send(response, 200, statusBody(hooks));
}

function sendMetric(response: ServerResponse, hooks: StatusApiHooks, encoded: string): void {
  const id = decodeURIComponent(encoded);
  const metric = hooks.metric(id);
  if (!metric) return sendError(response, 404, 'Not Found', `no metric '${id}'`);
  send(response, 200, {
    data: { type: 'metrics', id, attributes: { ...metric, tainted: null } },
  });
}

/** Listens on `address`; resolves once listening, rejects (exit 104) when it cannot. */
export async function startStatusApi(address: string, hooks: StatusApiHooks): Promise<StatusApi> {
  const { host, port } = parseApiAddress(address);
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0] ?? '';
    const metricId = /^\/v1\/metrics\/([^/]+)$/.exec(path)?.[1];
    if (metricId !== undefined && request.method === 'GET') return sendMetric(response, hooks, metricId);
    if (path !== '/v1/status') return sendError(response, 404, 'Not Found', `${request.method} ${path}`);
    if (request.method === 'GET') return send(response, 200, statusBody(hooks));
    if (request.method === 'PATCH') return void patchStatus(request, response, hooks);
    return sendError(response, 405, 'Method Not Allowed');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(new UserError(`--address ${address}: cannot listen: ${error.message}`, EXIT_INVALID_CONFIG)),
    );
    server.listen(port, host, () => resolve());
  });
  const bound = server.address() as AddressInfo;
  return {
    address: `${bound.family === 'IPv6' ? `[${bound.address}]` : bound.address}:${bound.port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
