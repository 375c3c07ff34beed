// Opening a WebSocket as k6 does (gorilla's dialer): the handshake's response, its timing and its socket.
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { canonicalHeaderKey } from '../http/header-keys.ts';
import { goReason } from '../sse/go-error-text.ts';

/** The handshake's HTTP response as k6's ws.connect returns it. */
export interface HandshakeResponse {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  error: string;
}

/** An open WebSocket with what k6 measures of its dial. */
export interface DialedWebSocket {
  ws: WebSocket;
  response: HandshakeResponse;
  startedAt: number;
  connectingMs: number;
  /** Bytes through the TCP socket so far (data_sent / data_received). */
  traffic(): { sent: number; received: number };
}

/** A failed dial: the response when the server answered other than 101, and Go's error text. */
export class DialError extends Error {
  constructor(
    message: string,
    readonly response: HandshakeResponse | undefined,
    readonly startedAt: number,
    readonly connectingMs: number,
  ) {
    super(message);
  }
}

export interface DialOptions {
  headers: Record<string, string>;
  protocols?: string[];
  compression: boolean;
  signal: AbortSignal;
}

function headersOf(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < res.rawHeaders.length; i += 2) {
    const name = canonicalHeaderKey(res.rawHeaders[i] ?? '');
    const value = res.rawHeaders[i + 1] ?? '';
    out[name] = out[name] === undefined ? value : `${out[name]}, ${value}`;
  }
  return out;
}

/** Dials `url` (60 s handshake timeout as k6); resolves once open, rejects with a DialError. */
export function dialWebSocket(url: string, options: DialOptions): Promise<DialedWebSocket> {
  const startedAt = Date.now();
  const start = performance.now();
  return new Promise((resolve, reject) => {
    let socket: Socket | undefined;
    let response: HandshakeResponse | undefined;
    const elapsed = (): number => performance.now() - start;
    let ws: WebSocket;
    try {
      ws = new WebSocket(url, options.protocols ?? [], {
        headers: options.headers,
        perMessageDeflate: options.compression,
        handshakeTimeout: 60_000,
        followRedirects: false,
      });
    } catch (error) {
      reject(new DialError(error instanceof Error ? error.message : String(error), undefined, startedAt, 0));
      return;
    }
    const onAbort = (): void => ws.terminate();
    options.signal.addEventListener('abort', onAbort, { once: true });
    ws.once('upgrade', (res) => {
      socket = res.socket as Socket;
      response = { url, status: res.statusCode ?? 101, headers: headersOf(res), body: '', error: '' };
    });
    ws.once('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        options.signal.removeEventListener('abort', onAbort);
        const body = Buffer.concat(chunks).toString('utf8');
        const answered = { url, status: res.statusCode ?? 0, headers: headersOf(res), body, error: '' };
        reject(new DialError('websocket: bad handshake', answered, startedAt, elapsed()));
      });
      res.on('error', () => undefined);
    });
    ws.once('open', () => {
      options.signal.removeEventListener('abort', onAbort);
      const connectingMs = elapsed();
      const traffic = (): { sent: number; received: number } => ({
        sent: socket?.bytesWritten ?? 0,
        received: socket?.bytesRead ?? 0,
      });
      if (!response) response = { url, status: 101, headers: {}, body: '', error: '' };
      resolve({ ws, response, startedAt, connectingMs, traffic });
    });
    ws.once('error', (error) => {
      options.signal.removeEventListener('abort', onAbort);
      reject(new DialError(dialErrorText(url, error), undefined, startedAt, elapsed()));
    });
  });
}

function dialErrorText(url: string, error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return goReason(error);
  return `${url}: ${error instanceof Error ? error.message : String(error)}`;
}

export { WebSocket };
