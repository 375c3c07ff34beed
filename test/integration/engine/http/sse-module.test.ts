import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { createSharedHttp, type SharedHttp } from '../../../../src/engine/modules/http/index.ts';
import { type SseEvent, createSseModule } from '../../../../src/engine/modules/sse/index.ts';
import { createFakeVuContext } from '../../../unit/engine/modules/helpers.ts';
import { type TestServer, findClosedPort, startServer } from './test-server.ts';

interface Client {
  on(event: string, handler: (arg?: unknown) => void): void;
  close(): void;
}

const CHUNK = 'data: {"choices":[{"delta":{"content":"x"}}]}\n\n';

function streamEvents(res: ServerResponse, count: number): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (let i = 0; i < count; i++) res.write(`id: ${i}\n${CHUNK}`);
  res.end();
}

describe('k6/x/sse against a real server', () => {
  let server: TestServer;
  let shared: SharedHttp;
  const seenRequests: { method: string; accept: string; body: string }[] = [];

  before(async () => {
    server = await startServer({
      '/events': (req, res, body) => {
        seenRequests.push({ method: req.method ?? '', accept: req.headers.accept ?? '', body });
        streamEvents(res, Number(new URL(req.url ?? '', 'http://x').searchParams.get('n') ?? '3'));
      },
      '/endless': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const timer = setInterval(() => res.write(CHUNK), 5);
        res.on('close', () => clearInterval(timer));
      },
      '/drop': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('data: one\n\n', () => setTimeout(() => res.socket?.destroy(), 20));
      },
      '/error': (_req, res) =>
        res.writeHead(500, { 'content-type': 'text/plain' }).end('data: oops\n\nnot sse\n'),
      '/silent': (_req, res) => res.writeHead(200, { 'content-type': 'text/event-stream' }).flushHeaders(),
    });
    shared = createSharedHttp();
  });

  after(async () => {
    await shared.close();
    await server.close();
  });

  it('calls the event handler once per event and emits xk6-sse samples', async () => {
    const ctx = createFakeVuContext();
    const sse = createSseModule(ctx, shared);
    const events: SseEvent[] = [];
    const order: string[] = [];
    const res = await sse.open(
      server.url('/events?n=25'),
      { method: 'POST', body: ' {"stream":true} ', tags: { name: 'chat' } },
      (client: Client) => {
        order.push('setup');
        client.on('open', () => order.push('open'));
        client.on('event', (event) => events.push(event as SseEvent));
      },
    );
    assert.deepEqual(order, ['setup', 'open']);
    assert.equal(events.length, 25);
    assert.deepEqual(events[24], {
      id: '24',
      comment: '',
      name: '',
      data: '{"choices":[{"delta":{"content":"x"}}]}',
    });
    assert.equal(res.status, 200);
    assert.equal(res.error, '');
    assert.equal(res.url, server.url('/events?n=25'));
    assert.equal(res.headers?.['Content-Type'], 'text/event-stream');
    assert.deepEqual(seenRequests.at(-1), {
      method: 'POST',
      accept: 'text/event-stream',
      body: '{"stream":true}',
    });
    assert.equal(ctx.samplesOf('sse_event').length, 25);
    assert.equal(ctx.samplesOf('http_reqs').length, 1);
    assert.equal(ctx.samplesOf('http_req_duration').length, 1);
    const sending = ctx.samplesOf('http_req_sending');
    assert.equal(sending.length, 2, 'xk6-sse pushes http_req_sending twice');
    assert.equal(sending[0]?.value, sending[1]?.value);
    assert.ok((ctx.samplesOf('http_req_duration')[0]?.value ?? 0) >= (sending[0]?.value ?? 0));
    assert.equal(ctx.samplesOf('http_req_failed').length, 0);
    assert.deepEqual(ctx.samplesOf('sse_event')[0]?.tags, {
      scenario: 'default',
      group: '',
      name: 'chat',
      url: server.url('/events?n=25'),
      status: '200',
    });
    assert.deepEqual(ctx.tracked, [`sse.open(${server.url('/events?n=25')})`]);
  });

  it('stops at client.close() mid-stream', async () => {
    const ctx = createFakeVuContext();
    let seen = 0;
    const res = await createSseModule(ctx, shared).open(server.url('/endless'), (client: Client) => {
      client.on('event', () => {
        seen++;
        if (seen === 3) client.close();
      });
    });
    assert.equal(seen, 3);
    assert.equal(res.status, 200);
    assert.equal(res.error, '');
    assert.equal(ctx.samplesOf('sse_event').length, 3);
    assert.equal(ctx.samplesOf('http_reqs').length, 1);
  });

  it('stops at client.close() in the middle of a chunk holding many events', async () => {
    const ctx = createFakeVuContext();
    const ids: string[] = [];
    const res = await createSseModule(ctx, shared).open(server.url('/events?n=200'), (client: Client) => {
      client.on('event', (event) => {
        ids.push((event as SseEvent).id);
        if (ids.length === 3) client.close();
      });
    });
    assert.deepEqual(ids, ['0', '1', '2']);
    assert.equal(res.error, '');
    assert.equal(ctx.samplesOf('sse_event').length, 3);
  });

  it('reports a server disconnect to the error handler and resolves', async () => {
    const ctx = createFakeVuContext();
    const errors: string[] = [];
    const events: string[] = [];
    const res = await createSseModule(ctx, shared).open(server.url('/drop'), (client: Client) => {
      client.on('event', (event) => events.push((event as SseEvent).data));
      client.on('error', (e) => errors.push((e as { error(): string }).error()));
    });
    assert.deepEqual(events, ['one']);
    assert.equal(errors.length, 1);
    assert.equal(res.status, 200);
    assert.equal(res.error, errors[0]);
    assert.equal(ctx.samplesOf('http_reqs').length, 1);
  });

  it('still parses the body of a non-200 response', async () => {
    const ctx = createFakeVuContext();
    const events: string[] = [];
    const errors: string[] = [];
    const res = await createSseModule(ctx, shared).open(server.url('/error'), (client: Client) => {
      client.on('event', (event) => events.push((event as SseEvent).data));
      client.on('error', (e) => errors.push(String(e)));
    });
    assert.equal(res.status, 500);
    assert.deepEqual(events, ['oops']);
    assert.deepEqual(errors, ['unknown event: not sse\n']);
    assert.equal(ctx.samplesOf('http_reqs')[0]?.tags.status, '500');
  });

  it('resolves with an error and still emits its samples when the connection is refused', async () => {
    const port = await findClosedPort();
    const ctx = createFakeVuContext();
    let setupCalled = false;
    const res = await createSseModule(ctx, shared).open(`http://127.0.0.1:${port}/`, () => {
      setupCalled = true;
    });
    assert.equal(setupCalled, false);
    assert.equal(res.status, 0);
    assert.equal(res.headers, null);
    assert.match(
      res.error,
      /^Get "http:\/\/127\.0\.0\.1:\d+\/": dial tcp 127\.0\.0\.1:\d+: connect: connection refused$/,
    );
    assert.equal(ctx.samplesOf('http_req_sending').length, 2);
    assert.equal(ctx.samplesOf('http_reqs')[0]?.tags.status, undefined);
    const throwing = createSseModule(createFakeVuContext({ options: { throw: true } }), shared);
    await assert.rejects(
      throwing.open(`http://127.0.0.1:${port}/`, () => undefined),
      /connection refused/,
    );
  });

  it('times out a silent stream after params.timeout', async () => {
    const errors: string[] = [];
    const res = await createSseModule(createFakeVuContext(), shared).open(
      server.url('/silent'),
      { timeout: '100ms' },
      (client: Client) => client.on('error', (e) => errors.push(String(e))),
    );
    assert.deepEqual(errors, ['context deadline exceeded']);
    assert.equal(res.status, 200);
    assert.equal(res.error, 'context deadline exceeded');
  });

  it('rejects with the error a handler throws', async () => {
    const sse = createSseModule(createFakeVuContext(), shared);
    await assert.rejects(
      sse.open(server.url('/events'), (client: Client) =>
        client.on('event', () => {
          throw new Error('handler failed');
        }),
      ),
      /handler failed/,
    );
  });

  it('destroys the stream on a hard stop and resolves with an error', async () => {
    const ctx = createFakeVuContext();
    let seen = 0;
    const pending = createSseModule(ctx, shared).open(server.url('/endless'), (client: Client) =>
      client.on('event', () => seen++),
    );
    setTimeout(() => ctx.hardStop(), 60);
    const res = await pending;
    const seenAtStop = seen;
    assert.equal(res.error, 'context canceled');
    assert.equal(ctx.samplesOf('http_reqs').length, 0);
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(seen, seenAtStop);
  });

  it('refuses sse.open in the init context', () => {
    const sse = createSseModule(createFakeVuContext({ init: true }), shared);
    assert.throws(
      () => sse.open(server.url('/events'), () => undefined),
      /using sse in the init context is not supported/,
    );
  });
});
