import { createServer } from 'node:net';

/** Asks the kernel for a free TCP port on a loopback address. */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/**
 * The first of `count` consecutive free TCP ports, taken below the kernel's ephemeral range (32768 and up on
 * Linux) so that no outgoing connection picks one of them between this check and their use.
 */
export async function findFreePortRange(count: number, host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const base = 20_000 + Math.floor(Math.random() * (12_000 - count));
    let free = true;
    for (let port = base; port < base + count && free; port += 1) free = await canListen(port, host);
    if (free) return base;
  }
  throw new Error(`no ${count} consecutive free ports found on ${host} between 20000 and 32000`);
}
