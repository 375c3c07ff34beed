import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import {
  createHttpModule,
  createSharedHttp,
  type SharedHttp,
} from '../../../../src/engine/modules/http/index.ts';
import { createFakeVuContext } from '../../../unit/engine/modules/helpers.ts';
import { type TestServer, findClosedPort, startServer } from './test-server.ts';

const TIMING_METRICS = [
  'http_req_duration',
  'http_req_blocked',
  'http_req_connecting',
  'http_req_tls_handshaking',
  'http_req_sending',
  'http_req_waiting',
  'http_req_receiving',
];

describe('k6/http against a real server', () => {
  let server: TestServer;
  let shared: SharedHttp;
  const concurrency = { waiting: [] as ServerResponse[], max: 0 };

  before(async () => {
    server = await startServer({
      '/ok': (_req, res) =>
        res.writeHead(200, { 'x-multi': ['a', 'b'], 'content-type': 'application/json' }).end('{"n":1}'),
      '/echo': (req, res, body) =>
        res.end(JSON.stringify({ method: req.method, headers: req.headers, body })),
      '/status/404': (_req, res) => res.writeHead(404, 'Nope').end('missing'),
      '/status/204': (_req, res) => res.writeHead(204).end(),
      '/delay': (_req, res) => setTimeout(() => res.end('late'), 60),
      // Answers only once two requests are in flight together (or after 5 s), so batch must send both at once.
      '/concurrent': (_req, res) => {
        concurrency.waiting.push(res);
        concurrency.max = Math.max(concurrency.max, concurrency.waiting.length);
        const release = (): void => {
          for (const waiting of concurrency.waiting.splice(0)) waiting.end('done');
        };
        if (concurrency.waiting.length >= 2) release();
        else setTimeout(release, 5000).unref();
      },
      '/hang': () => undefined,
      '/redirect': (_req, res) => res.writeHead(302, { location: '/ok' }).end(),
      '/redirect-post': (_req, res) => res.writeHead(303, { location: '/echo' }).end(),
      '/loop': (_req, res) => res.writeHead(302, { location: '/loop' }).end(),
      '/gzip': (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('zipped!')),
      '/binary': (_req, res) => res.end(Buffer.from([0, 1, 254, 255])),
    });
    shared = createSharedHttp();
  });

  after(async () => {
    await shared.close();
    await server.close();
  });

  it('resolves a Response with k6 fields and emits one sample per metric with k6 tags', async () => {
    const ctx = createFakeVuContext();
    ctx.group = '::g';
    const http = createHttpModule(ctx, shared);
    const res = await http.get(server.url('/ok'), { tags: { custom: 'yes' } });
    assert.equal(res.status, 200);
    assert.equal(res.status_text, '200 OK');
    assert.equal(res.proto, 'HTTP/1.1');
    assert.equal(res.url, server.url('/ok'));
    assert.equal(res.headers['X-Multi'], 'a, b');
    assert.equal(res.headers['Content-Type'], 'application/json');
    assert.equal(res.body, '{"n":1}');
    assert.deepEqual(res.json(), { n: 1 });
    assert.equal(res.error, '');
    assert.equal(res.error_code, 0);
    assert.equal(res.remote_ip, '127.0.0.1');
    assert.equal(res.request?.method, 'GET');
    assert.deepEqual(ctx.tracked, [`http.get(${server.url('/ok')})`]);
    for (const metric of ['http_reqs', ...TIMING_METRICS, 'http_req_failed', 'data_sent', 'data_received']) {
      assert.equal(ctx.samplesOf(metric).length, 1, metric);
    }
    const [reqs] = ctx.samplesOf('http_reqs');
    assert.deepEqual(reqs?.tags, {
      scenario: 'default',
      group: '::g',
      custom: 'yes',
      name: server.url('/ok'),
      url: server.url('/ok'),
      method: 'GET',
      status: '200',
      proto: 'HTTP/1.1',
      expected_response: 'true',
    });
    assert.equal(reqs?.value, 1);
    assert.ok(Math.abs((reqs?.time ?? 0) - Date.now()) < 5000);
    assert.equal(ctx.samplesOf('http_req_failed')[0]?.value, 0);
    assert.ok((ctx.samplesOf('data_received')[0]?.value ?? 0) > 7);
    assert.ok((ctx.samplesOf('data_sent')[0]?.value ?? 0) > 20);
  });

  it('measures waiting as time to first byte and duration as sending+waiting+receiving', async () => {
    const ctx = createFakeVuContext();
    const res = await createHttpModule(ctx, shared).get(server.url('/delay'));
    const t = res.timings;
    assert.ok(t.waiting >= 50, `waiting ${t.waiting}`);
    assert.ok(Math.abs(t.duration - (t.sending + t.waiting + t.receiving)) < 1e-6);
    assert.ok(t.blocked >= t.connecting);
    assert.equal(t.looking_up, 0);
    assert.equal(ctx.samplesOf('http_req_waiting')[0]?.value, t.waiting);
    assert.equal(ctx.samplesOf('http_req_duration')[0]?.value, t.duration);
  });

  it('reports connecting time on the request that opened the connection only', async () => {
    const fresh = createSharedHttp();
    try {
      const http = createHttpModule(createFakeVuContext(), fresh);
      const first = await http.get(server.url('/ok'));
      const second = await http.get(server.url('/ok'));
      assert.ok(first.timings.connecting > 0);
      assert.equal(second.timings.connecting, 0);
    } finally {
      await fresh.close();
    }
  });

  it('gives error_code 1000+status for HTTP errors and counts them in http_req_failed', async () => {
    const ctx = createFakeVuContext();
    const res = await createHttpModule(ctx, shared).get(server.url('/status/404'));
    assert.equal(res.status, 404);
    assert.equal(res.status_text, '404 Nope');
    assert.equal(res.error, '');
    assert.equal(res.error_code, 1404);
    assert.equal(res.body, 'missing');
    const tags = ctx.samplesOf('http_reqs')[0]?.tags;
    assert.equal(tags?.error_code, '1404');
    assert.equal(tags?.expected_response, 'false');
    assert.equal(tags?.error, undefined);
    assert.equal(ctx.samplesOf('http_req_failed')[0]?.value, 1);
  });

  it('uses custom expected statuses per request and per module, and null turns them off', async () => {
    const ctx = createFakeVuContext();
    const http = createHttpModule(ctx, shared);
    await http.get(server.url('/status/404'), { responseCallback: http.expectedStatuses(404) });
    assert.equal(ctx.samplesOf('http_req_failed')[0]?.value, 0);
    http.setResponseCallback(http.expectedStatuses({ min: 500, max: 599 }));
    await http.get(server.url('/ok'));
    assert.equal(ctx.samplesOf('http_req_failed')[1]?.value, 1);
    http.setResponseCallback(null);
    await http.get(server.url('/ok'));
    assert.equal(ctx.samplesOf('http_req_failed').length, 2);
    assert.equal(ctx.samplesOf('http_reqs')[2]?.tags.expected_response, undefined);
  });

  it('gives a null body for 204 and with responseType none; an ArrayBuffer with binary', async () => {
    const http = createHttpModule(createFakeVuContext(), shared);
    assert.equal((await http.get(server.url('/status/204'))).body, null);
    assert.equal((await http.get(server.url('/ok'), { responseType: 'none' })).body, null);
    const binary = await http.get(server.url('/binary'), { responseType: 'binary' });
    assert.ok(binary.body instanceof ArrayBuffer);
    assert.deepEqual([...new Uint8Array(binary.body)], [0, 1, 254, 255]);
    const discarding = createHttpModule(
      createFakeVuContext({ options: { discardResponseBodies: true } }),
      shared,
    );
    assert.equal((await discarding.get(server.url('/ok'))).body, null);
  });

  it('decompresses gzip bodies', async () => {
    const res = await createHttpModule(createFakeVuContext(), shared).get(server.url('/gzip'));
    assert.equal(res.body, 'zipped!');
  });

  it('sends bodies, form-encodes objects and applies header params', async () => {
    const http = createHttpModule(createFakeVuContext(), shared);
    const json = await http.post(server.url('/echo'), '{"a":1}', {
      headers: { 'content-type': 'application/json' },
    });
    const echoed = json.json() as { method: string; headers: Record<string, string>; body: string };
    assert.equal(echoed.method, 'POST');
    assert.equal(echoed.body, '{"a":1}');
    assert.equal(echoed.headers['content-type'], 'application/json');
    assert.match(echoed.headers['user-agent'] ?? '', /inferload/);
    const form = (await http.put(server.url('/echo'), { b: 2, a: 'x y' })).json() as typeof echoed;
    assert.equal(form.body, 'a=x+y&b=2');
    assert.equal(form.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(((await http.del(server.url('/echo'))).json() as typeof echoed).method, 'DELETE');
  });

  it('follows redirects, each hop a separate http_reqs sample', async () => {
    const ctx = createFakeVuContext();
    const http = createHttpModule(ctx, shared);
    const res = await http.get(server.url('/redirect'));
    assert.equal(res.status, 200);
    assert.equal(res.url, server.url('/ok'));
    assert.deepEqual(
      ctx.samplesOf('http_reqs').map((s) => [s.tags.url, s.tags.status]),
      [
        [server.url('/redirect'), '302'],
        [server.url('/ok'), '200'],
      ],
    );
    const post = await http.post(server.url('/redirect-post'), 'payload');
    assert.equal((post.json() as { method: string }).method, 'GET');
  });

  it('stops after `redirects` hops and returns the redirect; tags.name names every hop', async () => {
    const ctx = createFakeVuContext();
    const http = createHttpModule(ctx, shared);
    const res = await http.get(server.url('/loop'), { redirects: 2, tags: { name: 'loop' } });
    assert.equal(res.status, 302);
    assert.equal(ctx.samplesOf('http_reqs').length, 3);
    assert.ok(ctx.samplesOf('http_reqs').every((s) => s.tags.name === 'loop' && s.tags.url === 'loop'));
    assert.equal((await http.get(server.url('/redirect'), { redirects: 0 })).status, 302);
  });

  it('times out with error_code 1050 and status 0', async () => {
    const ctx = createFakeVuContext();
    const res = await createHttpModule(ctx, shared).get(server.url('/hang'), { timeout: '100ms' });
    assert.equal(res.status, 0);
    assert.equal(res.error, 'request timeout');
    assert.equal(res.error_code, 1050);
    assert.equal(res.body, null);
    assert.ok(res.timings.waiting > 0);
    const tags = ctx.samplesOf('http_reqs')[0]?.tags;
    assert.equal(tags?.status, '0');
    assert.equal(tags?.error_code, '1050');
    assert.equal(tags?.error, 'request timeout');
    assert.equal(tags?.proto, undefined);
    assert.equal(ctx.samplesOf('http_req_failed')[0]?.value, 1);
  });

  it('reports a refused connection as 1212 with status 0, or throws with `throw`', async () => {
    const port = await findClosedPort();
    const ctx = createFakeVuContext();
    const http = createHttpModule(ctx, shared);
    const res = await http.get(`http://127.0.0.1:${port}/`);
    assert.equal(res.status, 0);
    assert.equal(res.error_code, 1212);
    assert.equal(res.error, 'dial: connection refused');
    assert.equal(ctx.samplesOf('http_reqs')[0]?.tags.error_code, '1212');
    await assert.rejects(http.get(`http://127.0.0.1:${port}/`, { throw: true }), /dial: connection refused/);
    assert.equal(ctx.samplesOf('http_reqs').length, 2);
  });

  it('returns an error Response for an invalid URL, and throws with the throw option', async () => {
    const ctx = createFakeVuContext();
    const res = await createHttpModule(ctx, shared).get('not a url');
    assert.match(res.error, /invalid URL/);
    assert.equal(ctx.samples.length, 0);
    const throwing = createHttpModule(createFakeVuContext({ options: { throw: true } }), shared);
    assert.throws(() => throwing.get('ftp://x/'), /unsupported protocol scheme/);
  });

  it('runs batch requests concurrently and shapes results like the input', async () => {
    const ctx = createFakeVuContext();
    const http = createHttpModule(ctx, shared);
    concurrency.max = 0;
    const list = (await http.batch([
      ['GET', server.url('/concurrent')],
      { method: 'post', url: server.url('/echo'), body: 'b' },
      server.url('/concurrent'),
    ])) as Awaited<ReturnType<typeof http.get>>[];
    assert.equal(concurrency.max, 2, 'both /concurrent requests were in flight together');
    assert.deepEqual(
      list.map((r) => r.status),
      [200, 200, 200],
    );
    assert.equal((list[1]?.json() as { method: string }).method, 'POST');
    const named = (await http.batch({
      a: server.url('/ok'),
      b: ['GET', server.url('/status/404')],
    })) as Record<string, { status: number }>;
    assert.equal(named.a?.status, 200);
    assert.equal(named.b?.status, 404);
    assert.equal(ctx.samplesOf('http_reqs').length, 5);
  });

  it('refuses requests in the init context, and unimplemented exports throw clearly', () => {
    const http = createHttpModule(createFakeVuContext({ init: true }), shared);
    assert.throws(
      () => http.get(server.url('/ok')),
      /Making http requests in the init context is not supported/,
    );
    assert.throws(() => http.file(), /k6\/http\.file is not implemented by inferload's embedded engine/);
    assert.throws(() => http.cookieJar(), /http\.cookieJar\(\) is not supported in the init context/);
  });

  it('names requests made with the http.url template', async () => {
    const ctx = createFakeVuContext();
    const http = createHttpModule(ctx, shared);
    const id = 'ok';
    await http.get(http.url`${server.url('/')}${id}`);
    assert.equal(ctx.samplesOf('http_reqs')[0]?.tags.name, '${}${}');
  });

  it('settles an in-flight request on a hard stop, without samples', async () => {
    const ctx = createFakeVuContext();
    const pending = createHttpModule(ctx, shared).get(server.url('/hang'));
    setTimeout(() => ctx.hardStop(), 50);
    const res = await pending;
    assert.equal(res.error, 'context canceled');
    assert.equal(ctx.samples.length, 0);
  });
});
