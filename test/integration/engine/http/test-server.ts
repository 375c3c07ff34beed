// A node:http server on a loopback port chosen at run time, with per-test routes.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/** A running server: `url(path)` builds request URLs; `connections` counts accepted TCP connections. */
export interface TestServer {
  readonly server: Server;
  connections: number;
  url(path?: string): string;
  close(): Promise<void>;
}

/** Starts a server routing by path (query ignored); unknown paths answer 404. */
export async function startServer(routes: Record<string, Route>): Promise<TestServer> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const route = routes[new URL(req.url ?? '/', 'http://x').pathname];
      if (route === undefined) {
        res.writeHead(404).end('not found');
        return;
      }
      route(req, res, Buffer.concat(chunks).toString('utf8'));
    });
  });
  const state: TestServer = {
    server,
    connections: 0,
    url: (path = '/') => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on('connection', () => state.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return state;
}

/** A port nothing listens on: bound, then released. */
export async function findClosedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
