// Loopback servers that fail on purpose, one way each, at the socket level (no HTTP library in the way).
import { type ChildProcess, spawn } from 'node:child_process';
import { type AddressInfo, type Server, type Socket, createServer } from 'node:net';

/** What a fault server does once it has read a whole request. */
export type Fault =
  /** TCP RST instead of an answer. */
  | 'reset'
  /** Reads the request and never answers. */
  | 'hang'
  /** A response head just over Go's 10 MiB limit. */
  | 'huge-head'
  /** A 200 whose body is cut: two SSE chunks without the end (streamed requests), half a JSON body otherwise. */
  | 'cut-body'
  /** Closes the connection (FIN) without a byte of answer. */
  | 'close'
  /** Answers with bytes that are not HTTP (a TLS alert, then text), then closes. */
  | 'not-http';

export interface FaultServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A name that cannot resolve, refused by the resolver itself: its 64-character label is over RFC 1035's 63, so
 * no DNS server is asked (offline, and never slowed down by a rate-limiting resolver), by glibc as by Go.
 */
export const UNRESOLVABLE_HOST = `${'x'.repeat(64)}.invalid`;

/** Two OpenAI-style content chunks, as llama-server streams them. */
export const SSE_CHUNKS =
  'data: {"choices":[{"index":0,"delta":{"content":"one"}}]}\n\n' +
  'data: {"choices":[{"index":0,"delta":{"content":" two"}}]}\n\n';

// 1300 headers of 8 KiB: just over 10 MiB in all, in lines of a size clients read in one go.
const HUGE_HEAD = Buffer.from(
  `HTTP/1.1 200 OK\r\n${Array.from({ length: 1300 }, (_, i) => `x-filler-${i}: ${'a'.repeat(8192)}\r\n`).join('')}` +
    'content-length: 2\r\n\r\nok',
  'latin1',
);

/** `handler` runs once per request, with its body, after the whole request has arrived. */
function onRequest(socket: Socket, handler: (socket: Socket, body: string) => void): void {
  let received = Buffer.alloc(0);
  socket.on('error', () => undefined);
  socket.on('data', (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
    const headEnd = received.indexOf('\r\n\r\n');
    if (headEnd === -1) return;
    const length = /\r\ncontent-length: *(\d+)/i.exec(received.toString('latin1', 0, headEnd));
    const bodyEnd = headEnd + 4 + Number(length?.[1] ?? 0);
    if (received.length < bodyEnd) return;
    const body = received.toString('utf8', headEnd + 4, bodyEnd);
    socket.removeAllListeners('data');
    handler(socket, body);
  });
}

function answer(fault: Fault, socket: Socket, body: string): void {
  switch (fault) {
    case 'reset':
      socket.resetAndDestroy();
      return;
    case 'hang':
      return;
    case 'close':
      socket.end();
      return;
    case 'huge-head':
      socket.end(HUGE_HEAD);
      return;
    case 'not-http':
      socket.end('\x15\x03\x01\x00\x02\x02\x50 not http at all\n');
      return;
    case 'cut-body':
      cutBody(socket, body.includes('"stream":true'));
  }
}

// Chunked SSE (as llama-server answers) or a JSON body with a content-length, cut short by a FIN.
function cutBody(socket: Socket, streamed: boolean): void {
  if (streamed) {
    const chunk = `${Buffer.byteLength(SSE_CHUNKS).toString(16)}\r\n${SSE_CHUNKS}\r\n`;
    socket.write(
      `HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n${chunk}`,
    );
  } else {
    socket.write(
      'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{"choices":[',
    );
  }
  setTimeout(() => socket.end(), 20);
}

/** Starts a server on a loopback port chosen at run time that answers every request with `fault`. */
export async function startFaultServer(fault: Fault): Promise<FaultServer> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    onRequest(socket, (s, body) => answer(fault, s, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

// The child: answers one request with a 200 whose body it never finishes, says "sent", and waits to be killed.
const CHILD = `
const net = require('node:net');
const streamed = process.argv[1] === 'sse';
const server = net.createServer((socket) => {
  socket.once('data', () => {
    socket.write(streamed
      ? 'HTTP/1.1 200 OK\\r\\ncontent-type: text/event-stream\\r\\ntransfer-encoding: chunked\\r\\n\\r\\n' +
        ${JSON.stringify(`${Buffer.byteLength(SSE_CHUNKS).toString(16)}\r\n${SSE_CHUNKS}\r\n`)}
      : 'HTTP/1.1 200 OK\\r\\ncontent-length: 500\\r\\n\\r\\n{"choices":[',
      () => process.stdout.write('sent\\n'));
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
`;

/** A server in its own process, to be killed (SIGKILL) while it is in the middle of a response. */
export interface DoomedServer {
  readonly url: string;
  /** Resolves once the server has sent the start of its response. */
  readonly sent: Promise<void>;
  kill(): void;
}

/** Starts the doomed server; `mode` picks an endless SSE stream or a JSON body that never completes. */
export async function startDoomedServer(mode: 'sse' | 'json'): Promise<DoomedServer> {
  const child: ChildProcess = spawn(process.execPath, ['-e', CHILD, mode], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    lines.push(...text.split('\n').filter((line) => line !== ''));
    for (const wake of waiters.splice(0)) wake();
  });
  const line = async (index: number): Promise<string> => {
    while (lines.length <= index) await new Promise<void>((resolve) => waiters.push(resolve));
    return lines[index] as string;
  };
  const port = await line(0);
  return {
    url: `http://127.0.0.1:${port}`,
    sent: line(1).then(() => undefined),
    kill: () => child.kill('SIGKILL'),
  };
}
