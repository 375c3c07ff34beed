// k6/ws against a real WebSocket server on loopback: the session, its events and k6's ws_* samples.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWsModule } from '../../../../src/engine/modules/ws/k6-ws.ts';
import type { HandshakeResponse } from '../../../../src/engine/modules/ws/dial-websocket.ts';
import { type WsEchoServer, startWsEchoServer } from '../../../helpers/ws-echo-server.ts';
import { createFakeVuContext } from '../../../unit/engine/modules/helpers.ts';

type Socket = {
  on(event: string, fn: (...args: unknown[]) => unknown): void;
  send(text: string): void;
  sendBinary(data: ArrayBuffer): void;
  ping(): void;
  close(code?: number): void;
  setTimeout(fn: () => void, ms: number): void;
  setInterval(fn: () => void, ms: number): void;
};
type Connect = (url: string, ...args: unknown[]) => Promise<HandshakeResponse>;

describe('k6/ws against a real server', () => {
  let server: WsEchoServer;
  before(async () => {
    server = await startWsEchoServer();
  });
  after(async () => {
    await server.close();
  });

  function setup(): { ctx: ReturnType<typeof createFakeVuContext>; connect: Connect } {
    const ctx = createFakeVuContext();
    const ws = createWsModule(ctx, () => 'k6-test-agent') as { connect: Connect };
    return { ctx, connect: ws.connect };
  }

  it('runs a session: open, echoed messages, close; resolves with the 101 response once closed', async () => {
    const { ctx, connect } = setup();
    const events: string[] = [];
    const res = await connect(`${server.url}/echo`, { tags: { my_tag: 'x' } }, (socket: Socket) => {
      socket.on('open', () => {
        events.push('open');
        socket.send('hello');
        socket.sendBinary(new Uint8Array([1, 2, 3]).buffer);
      });
      socket.on('message', (data) => {
        events.push(`message:${String(data)}`);
      });
      socket.on('binaryMessage', (data) => {
        events.push(`binary:${[...new Uint8Array(data as ArrayBuffer)].join(',')}`);
        socket.close();
      });
      socket.on('close', (code) => events.push(`close:${String(code)}`));
    });
    assert.equal(res.status, 101);
    assert.equal(res.url, `${server.url}/echo`);
    assert.equal(res.headers['Upgrade']?.toLowerCase(), 'websocket');
    assert.deepEqual(events, ['open', 'message:hello', 'binary:1,2,3', 'close:1001']);
    assert.deepEqual(ctx.tracked, [`ws.connect("${server.url}/echo")`]);
    assert.equal(ctx.samplesOf('ws_sessions').length, 1);
    assert.equal(ctx.samplesOf('ws_msgs_sent').length, 2);
    assert.equal(ctx.samplesOf('ws_msgs_received').length, 2);
    const [connecting] = ctx.samplesOf('ws_connecting');
    const [session] = ctx.samplesOf('ws_session_duration');
    assert.ok(connecting && session && session.value >= connecting.value);
    assert.deepEqual(
      { url: connecting.tags['url'], status: connecting.tags['status'], tag: connecting.tags['my_tag'] },
      { url: `${server.url}/echo`, status: '101', tag: 'x' },
    );
    assert.ok((ctx.samplesOf('data_sent')[0]?.value ?? 0) > 0, 'the handshake and frames count as data_sent');
    assert.equal(server.userAgents.at(-1), 'k6-test-agent');
  });

  it('measures ws_ping from ping to pong, fires ping for the server ping, and runs the socket timers', async () => {
    const { ctx, connect } = setup();
    const events: string[] = [];
    await connect(server.url, (socket: Socket) => {
      socket.on('open', () => {
        socket.ping();
        socket.send('ping');
      });
      socket.on('pong', () => events.push('pong'));
      socket.on('ping', () => events.push('ping'));
      let ticks = 0;
      socket.setInterval(() => {
        ticks += 1;
        if (ticks === 2) socket.setTimeout(() => socket.close(1000), 5);
      }, 5);
      socket.on('close', (code) => events.push(`close:${String(code)}`));
    });
    assert.ok(events.includes('pong') && events.includes('ping'), events.join(' '));
    assert.equal(events.at(-1), 'close:1000');
    assert.equal(ctx.samplesOf('ws_ping').length, 1);
  });

  it('reports the server closing with its code', async () => {
    const { connect } = setup();
    const codes: unknown[] = [];
    await connect(server.url, (socket: Socket) => {
      socket.on('open', () => socket.send('close:4000'));
      socket.on('close', (code) => codes.push(code));
    });
    assert.deepEqual(codes, [4000]);
  });

  it('rethrows a handler exception from connect, as k6 does', async () => {
    const { connect } = setup();
    await assert.rejects(
      connect(server.url, (socket: Socket) => {
        socket.on('open', () => {
          throw new Error('boom in open');
        });
      }),
      /boom in open/,
    );
  });

  it('returns the non-101 answer and still counts the session; a refused dial has status 0', async () => {
    const { ctx, connect } = setup();
    let called = 0;
    const res = await connect(`${server.url}/404`, () => (called += 1));
    assert.equal(res.status, 404);
    assert.equal(res.body, 'not found');
    assert.equal(called, 0);
    const refused = await connect('ws://127.0.0.1:1/', () => undefined);
    assert.equal(refused.status, 0);
    assert.match(refused.error, /connection refused/);
    assert.equal(ctx.samplesOf('ws_sessions').length, 2);
  });

  it('throws a clear error for bad arguments and in the init context', () => {
    const { connect } = setup();
    assert.throws(() => connect(server.url), /last argument to ws.connect must be a function|invalid number/);
    assert.throws(
      () => connect(server.url, { compression: 'gzip' }, () => undefined),
      /supported algorithm is 'deflate'/,
    );
    const init = createFakeVuContext({ init: true });
    const ws = createWsModule(init, () => 'ua') as { connect: Connect };
    assert.throws(() => ws.connect(server.url, () => undefined), /init context/);
  });

  it('waits for async handlers (as the blocking transform makes them) before connect settles', async () => {
    const { connect } = setup();
    const events: string[] = [];
    await connect(server.url, async (socket: Socket) => {
      await Promise.resolve();
      socket.on('message', async (data) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        events.push(`handled:${String(data)}`);
      });
      socket.on('open', () => socket.send('late'));
      socket.on('message', () => socket.close());
    });
    assert.deepEqual(events, ['handled:late']);
    await assert.rejects(
      connect(server.url, (socket: Socket) => {
        socket.on('open', () => socket.close());
        socket.on('close', async () => {
          await Promise.resolve();
          throw new Error('async close handler failed');
        });
      }),
      /async close handler failed/,
    );
  });

  it('closes the session when the iteration is hard-stopped', async () => {
    const { ctx, connect } = setup();
    const codes: unknown[] = [];
    const session = connect(server.url, (socket: Socket) => {
      socket.on('open', () => setImmediate(() => ctx.hardStop()));
      socket.on('close', (code) => codes.push(code));
    });
    await session;
    assert.deepEqual(codes, [1001]);
  });
});
