// Loopback servers for `make bench`, run as a child process so they never share the engine's event loop.
// Modes: trivial (200 "ok"), sse (N events as fast as possible, batched writes), timed (first event after
// 100 ms, then one every 10 ms, each carrying when the server wrote it: since the request arrived, and on the
// wall clock that a client on this machine reads too).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

const mode = process.argv[2] ?? 'trivial';

function trivial(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' });
  res.end('ok');
}

function sse(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x');
  const total = Number(url.searchParams.get('n') ?? '100000');
  const batch = Number(url.searchParams.get('batch') ?? '1000');
  const event = 'data: {"choices":[{"delta":{"content":"x"}}]}\n\n';
  const chunk = event.repeat(batch);
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  let sent = 0;
  const pump = (): void => {
    while (sent < total) {
      const n = Math.min(batch, total - sent);
      sent += n;
      if (!res.write(n === batch ? chunk : event.repeat(n))) {
        res.once('drain', pump);
        return;
      }
    }
    res.end('data: [DONE]\n\n');
  };
  pump();
}

function timed(req: IncomingMessage, res: ServerResponse): void {
  const arrived = performance.now();
  const url = new URL(req.url ?? '/', 'http://x');
  const tokens = Number(url.searchParams.get('tokens') ?? '20');
  req.resume();
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  let i = 0;
  // Absolute deadlines: the server's own lateness is reported in each event, so it does not count as error.
  const next = (): void => {
    const now = performance.now();
    // t: since the request arrived; w: the write's wall-clock time, on the clock the client reads too.
    res.write(
      `data: {"i":${i},"t":${(now - arrived).toFixed(3)},"w":${(performance.timeOrigin + now).toFixed(3)}}\n\n`,
    );
    i += 1;
    if (i >= tokens) {
      res.end('data: [DONE]\n\n');
      return;
    }
    setTimeout(next, Math.max(0, arrived + 100 + i * 10 - performance.now()));
  };
  setTimeout(next, 100);
}

const handlers: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = { trivial, sse, timed };
const handler = handlers[mode];
if (!handler) throw new Error(`bench-server: unknown mode '${mode}' (trivial, sse, timed)`);
const server = createServer(handler);
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => process.exit(0));
