// The servers the k6 compatibility cases reach, by the name a case lists in its expected.json `servers`.
import { startHttpbin } from './httpbin.ts';
import { startWsEchoServer } from './ws-echo-server.ts';

/** A started server: the __ENV variables that point a script at it, and how to stop it. */
export interface CompatServer {
  env: Record<string, string>;
  close(): Promise<void>;
}

/** Starts one server on 127.0.0.1 (port 0). */
export type StartCompatServer = () => Promise<CompatServer>;

/**
 * Every server a case may name: httpbin (HTTPBIN, HTTPBIN_TLS) from test/helpers/httpbin.ts, ws (WS_URL) from
 * the WebSocket helper. Each area adds its own entry here.
 */
export const compatServers: Record<string, StartCompatServer> = {
  // HTTPBIN: http://127.0.0.1:<port>; HTTPBIN_TLS: https://127.0.0.1:<port> on a self-signed certificate.
  httpbin: async () => {
    const bin = await startHttpbin();
    return { env: { HTTPBIN: bin.url, HTTPBIN_TLS: bin.tlsUrl }, close: () => bin.close() };
  },
  // WS_URL: ws://127.0.0.1:<port>, a WebSocket echo server (test/helpers/ws-echo-server.ts).
  ws: async () => {
    const server = await startWsEchoServer();
    return { env: { WS_URL: server.url }, close: () => server.close() };
  },
};

/** Starts the named servers; an unknown name fails listing the registered ones. */
export async function startCompatServers(names: readonly string[]): Promise<CompatServer> {
  const started: CompatServer[] = [];
  const stopAll = async (): Promise<void> => {
    await Promise.all(started.map((server) => server.close()));
  };
  try {
    for (const name of names) {
      const start = compatServers[name];
      if (!start) {
        const known = Object.keys(compatServers).sort().join(', ') || 'none yet';
        throw new Error(
          `no compat server '${name}' in test/helpers/k6-compat-servers.ts (registered: ${known})`,
        );
      }
      started.push(await start());
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  return {
    env: Object.assign({}, ...started.map((server) => server.env)) as Record<string, string>,
    close: stopAll,
  };
}
