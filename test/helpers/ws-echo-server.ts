// A real WebSocket server on 127.0.0.1 (port 0) for k6/ws and k6/websockets: it echoes what it gets.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

/** A started echo server: its ws:// URL, what it saw, how to stop it. */
export interface WsEchoServer {
  url: string;
  /** Text of every message received, in order, and the User-Agent of every handshake. */
  readonly received: string[];
  readonly userAgents: string[];
  close(): Promise<void>;
}

/**
 * Echoes text and binary messages on any path; `/404` answers the handshake with a 404. A text message
 * "close:<code>" makes the server close with that code, "ping" makes it ping the client first.
 */
export async function startWsEchoServer(): Promise<WsEchoServer> {
  const received: string[] = [];
  const userAgents: string[] = [];
  const http = createServer((_req, res) => {
    res.writeHead(404).end('not a websocket endpoint');
  });
  const wss = new WebSocketServer({ noServer: true });
  http.on('upgrade', (req, socket, head) => {
    if (req.url === '/404') {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found');
      return;
    }
    userAgents.push(req.headers['user-agent'] ?? '');
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('message', (data, isBinary) => {
        const text = Buffer.isBuffer(data) ? data.toString('utf8') : String(data);
        received.push(isBinary ? `<binary ${(data as Buffer).length}>` : text);
        const close = /^close:(\d+)$/.exec(isBinary ? '' : text);
        if (close) return ws.close(Number(close[1]));
        if (!isBinary && text === 'ping') ws.ping('server');
        ws.send(data, { binary: isBinary });
      });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    received,
    userAgents,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
