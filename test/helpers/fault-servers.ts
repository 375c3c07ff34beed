// HTTP servers on loopback that are healthy by /health and misbehave otherwise, for the reliability suite: hung,
// or slow to answer the probe. Every one records the paths it was asked for (socket-level faults:
// socket-faults.ts).
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FaultServer {
  url: string;
  port: number;
  /** The paths requested so far, in order. */
  paths: string[];
  close(): Promise<void>;
}

type Behaviour = 'hung' | 'slow-health';

/** An HTTP server on 127.0.0.1 (port 0 = a free one) that answers /health as `behaviour` says. */
export async function startFaultServer(behaviour: Behaviour, port = 0): Promise<FaultServer> {
  const paths: string[] = [];
  const server: Server = createHttpServer((req, res) => {
    paths.push(req.url ?? '');
    const health = req.url === '/health' || req.url === '/v1/models';
    if (health && behaviour === 'hung') {
      res.setHeader('content-type', 'application/json');
      res.end('{"status":"ok"}');
      return;
    }
    if (health && behaviour === 'slow-health') {
      setTimeout(() => res.end('{"status":"ok"}'), 4000).unref();
      return;
    }
    // Anything else: never answered (until the server closes).
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    paths,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
