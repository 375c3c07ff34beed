// k6/websockets (k6/experimental/websockets) against a real server: events, binaryType, the VU's event loop.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWebSocketsModule } from '../../../../src/engine/modules/websockets/k6-websockets.ts';
import { eventLoopOf, waitForEventLoop } from '../../../../src/engine/modules/timers/event-loop.ts';
import { type WsEchoServer, startWsEchoServer } from '../../../helpers/ws-echo-server.ts';
import { createFakeVuContext } from '../../../unit/engine/modules/helpers.ts';

interface Socket {
  readyState: number;
  binaryType: string;
  onopen: ((event: Record<string, unknown>) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  addEventListener(type: string, fn: (event: Record<string, unknown>) => void): void;
  send(data: unknown): void;
  ping(): void;
  close(code?: number): void;
}
type SocketClass = new (url: string, protocols?: unknown, params?: unknown) => Socket;

describe('k6/websockets against a real server', () => {
  let server: WsEchoServer;
  before(async () => {
    server = await startWsEchoServer();
  });
  after(async () => {
    await server.close();
  });

  function setup(): { ctx: ReturnType<typeof createFakeVuContext>; WebSocket: SocketClass } {
    const ctx = createFakeVuContext();
    const module = createWebSocketsModule(ctx, () => 'k6-test-agent') as { WebSocket: SocketClass };
    return { ctx, WebSocket: module.WebSocket };
  }

  it('keeps the iteration alive until the socket closes: open, echo, binary as ArrayBuffer, close', async () => {
    const { ctx, WebSocket } = setup();
    const events: string[] = [];
    const ws = new WebSocket(`${server.url}/chat`);
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      events.push(`open:${ws.readyState}`);
      ws.send('hi');
      ws.send(new Uint8Array([7, 8]));
    };
    ws.onmessage = (event) => {
      if (typeof event.data === 'string') events.push(`text:${event.data}`);
      else {
        events.push(`binary:${[...new Uint8Array(event.data as ArrayBuffer)].join(',')}`);
        ws.close();
      }
    };
    ws.addEventListener('close', (event) => events.push(`close:${String(event['code'])}`));
    assert.equal(eventLoopOf(ctx).size, 1, 'the connecting socket is a pending task');
    await waitForEventLoop(ctx);
    assert.deepEqual(events, ['open:1', 'text:hi', 'binary:7,8', 'close:1000']);
    assert.equal(ws.readyState, 3);
    assert.equal(ctx.samplesOf('ws_msgs_sent').length, 2);
    assert.equal(ctx.samplesOf('ws_msgs_received').length, 2);
    assert.equal(ctx.samplesOf('ws_sessions').length, 1);
    assert.equal(ctx.samplesOf('ws_session_duration').length, 1);
  });

  it('hands binary messages over as Blobs by default, and measures ws_ping', async () => {
    const { ctx, WebSocket } = setup();
    let text = '';
    const ws = new WebSocket(server.url);
    ws.onopen = () => {
      ws.ping();
      ws.send(new Uint8Array([104, 105]).buffer);
    };
    ws.onmessage = (event) => {
      void (event.data as Blob).text().then((value) => {
        text = value;
        ws.close();
      });
    };
    await waitForEventLoop(ctx);
    assert.equal(text, 'hi');
    assert.equal(ctx.samplesOf('ws_ping').length, 1);
  });

  it('closes a socket closed while still connecting without firing open', async () => {
    const { ctx, WebSocket } = setup();
    const events: string[] = [];
    const ws = new WebSocket(server.url);
    ws.addEventListener('open', () => events.push('open'));
    ws.addEventListener('close', (event) => events.push(`close:${String(event['code'])}`));
    ws.close(4001);
    await waitForEventLoop(ctx);
    assert.deepEqual(events, ['close:4001']);
  });

  it('fails the iteration with the error a listener throws', async () => {
    const { ctx, WebSocket } = setup();
    const ws = new WebSocket(server.url);
    ws.onopen = () => {
      throw new Error('listener failed');
    };
    await assert.rejects(waitForEventLoop(ctx), /listener failed/);
  });

  it('reports a refused connection as error then close', async () => {
    const { ctx, WebSocket } = setup();
    const events: string[] = [];
    const ws = new WebSocket('ws://127.0.0.1:1/');
    ws.addEventListener('error', (event) => events.push(`error:${String(event['error'])}`));
    ws.addEventListener('close', () => events.push('close'));
    await waitForEventLoop(ctx);
    assert.equal(events.length, 2);
    assert.match(events[0] ?? '', /connection refused/);
    assert.equal(events[1], 'close');
  });
});
