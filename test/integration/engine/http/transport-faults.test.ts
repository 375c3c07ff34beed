// k6/http and k6/x/sse against servers that fail: the error texts and codes real k6 and xk6-sse give.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  createHttpModule,
  createSharedHttp,
  type K6Response,
  type SharedHttp,
} from '../../../../src/engine/modules/http/index.ts';
import { createSseModule, type SseResponse } from '../../../../src/engine/modules/sse/index.ts';
import { createFakeVuContext } from '../../../unit/engine/modules/helpers.ts';
import {
  type Fault,
  type FaultServer,
  UNRESOLVABLE_HOST,
  startDoomedServer,
  startFaultServer,
} from '../../../helpers/socket-faults.ts';
import { type TestServer, findClosedPort, startServer } from './test-server.ts';

interface Client {
  on(event: string, handler: (arg?: unknown) => void): void;
}

const BODY = '{"stream":true}';

/** One POST through k6/http, as the profiles send it. */
function post(shared: SharedHttp, url: string, timeout = '5s'): Promise<K6Response> {
  return createHttpModule(createFakeVuContext(), shared).asyncRequest('POST', url, '{}', { timeout });
}

/** One streamed POST through k6/x/sse; `errors` collects what the 'error' handler saw. */
async function stream(
  shared: SharedHttp,
  url: string,
  timeout = '5s',
  onEvent: () => void = () => undefined,
): Promise<{ res: SseResponse; errors: string[]; events: number }> {
  const errors: string[] = [];
  let events = 0;
  const res = await createSseModule(createFakeVuContext(), shared).open(
    url,
    { method: 'POST', body: BODY, timeout },
    (client: Client) => {
      client.on('event', () => {
        events++;
        onEvent();
      });
      client.on('error', (e) => errors.push((e as { error(): string }).error()));
    },
  );
  return { res, errors, events };
}

describe('transport faults on k6/http and k6/x/sse', { timeout: 60_000 }, () => {
  let shared: SharedHttp;
  const servers: FaultServer[] = [];
  let plain: TestServer;

  const faultUrl = async (fault: Fault): Promise<string> => {
    const server = await startFaultServer(fault);
    servers.push(server);
    return `${server.url}/v1/chat/completions`;
  };

  before(async () => {
    shared = createSharedHttp();
    plain = await startServer({ '/v1/chat/completions': (_req, res) => res.end('{}') });
  });

  after(async () => {
    await shared.close();
    await plain.close();
    await Promise.all(servers.map((s) => s.close()));
  });

  it('connection refused: 1212 on k6/http, the dial error on k6/x/sse', async () => {
    const url = `http://127.0.0.1:${await findClosedPort()}/v1`;
    const res = await post(shared, url);
    assert.deepEqual([res.status, res.error_code, res.error], [0, 1212, 'dial: connection refused']);
    const { res: sse, errors } = await stream(shared, url);
    assert.equal(sse.status, 0);
    assert.match(
      sse.error,
      /^Post "http:\/\/127\.0\.0\.1:\d+\/v1": dial tcp 127\.0\.0\.1:\d+: connect: connection refused$/,
    );
    assert.deepEqual(errors, [], 'xk6-sse has no handlers yet when the request fails');
  });

  it('a reset before the answer: 1220, and Go read error with both ends', async () => {
    const url = await faultUrl('reset');
    const res = await post(shared, url);
    assert.deepEqual([res.status, res.error_code, res.error], [0, 1220, 'read: connection reset by peer']);
    const { res: sse } = await stream(shared, url);
    assert.match(
      sse.error,
      /^Post "[^"]+": read tcp 127\.0\.0\.1:\d+->127\.0\.0\.1:\d+: read: connection reset by peer$/,
    );
  });

  it('a close before the answer: EOF on both', async () => {
    const url = await faultUrl('close');
    const res = await post(shared, url);
    assert.deepEqual([res.status, res.error_code, res.error], [0, 1000, 'EOF']);
    const { res: sse } = await stream(shared, url);
    assert.match(sse.error, /^Post "[^"]+": EOF$/);
  });

  it('no answer within the timeout: 1050 request timeout, context deadline exceeded', async () => {
    const url = await faultUrl('hang');
    const res = await post(shared, url, '150ms');
    assert.deepEqual([res.status, res.error_code, res.error], [0, 1050, 'request timeout']);
    const { res: sse } = await stream(shared, url, '150ms');
    assert.match(sse.error, /^Post "[^"]+": context deadline exceeded$/);
  });

  it("a response head over Go's 10 MiB limit: Go's header limit text on both", async () => {
    const url = await faultUrl('huge-head');
    const res = await post(shared, url);
    assert.deepEqual(
      [res.status, res.error_code, res.error],
      [0, 1000, 'net/http: server response headers exceeded 10485760 bytes; aborted'],
    );
    const { res: sse } = await stream(shared, url);
    assert.match(
      sse.error,
      /^Post "[^"]+": net\/http: HTTP\/1\.x transport connection broken: net\/http: server response headers exceeded 10485760 bytes; aborted$/,
    );
  });

  it('a head of 100 KB, which Go reads, is no error', async () => {
    const big = await startServer({
      '/big': (_req, res) => res.writeHead(200, { 'x-filler': 'a'.repeat(100_000) }).end('data: x\n\n'),
    });
    try {
      const res = await post(shared, big.url('/big'));
      assert.deepEqual([res.status, res.error], [200, '']);
      const { res: sse, events } = await stream(shared, big.url('/big'));
      assert.deepEqual([sse.status, sse.error, events], [200, '', 1]);
    } finally {
      await big.close();
    }
  });

  it('the body cut short after the answer began: unexpected EOF on both', async () => {
    const url = await faultUrl('cut-body');
    const res = await createHttpModule(createFakeVuContext(), shared).asyncRequest('POST', url, '{}');
    assert.deepEqual([res.status, res.error_code, res.error], [0, 1000, 'unexpected EOF']);
    const { res: sse, errors, events } = await stream(shared, url);
    assert.equal(events, 2);
    assert.deepEqual([sse.status, sse.error, errors], [200, 'unexpected EOF', ['unexpected EOF']]);
  });

  it('a server killed mid-stream: unexpected EOF', async () => {
    const doomed = await startDoomedServer('sse');
    const { res, errors, events } = await stream(shared, `${doomed.url}/v1`, '5s', () => doomed.kill());
    assert.equal(events, 2, 'the chunk holding both events was read before the kill');
    assert.deepEqual([res.status, res.error, errors], [200, 'unexpected EOF', ['unexpected EOF']]);
    const json = await startDoomedServer('json');
    const pending = post(shared, `${json.url}/v1`);
    await json.sent;
    json.kill();
    const blocking = await pending;
    assert.deepEqual([blocking.status, blocking.error_code, blocking.error], [0, 1000, 'unexpected EOF']);
  });

  it('a name that does not resolve: 1101, and the lookup error', async () => {
    const url = `http://${UNRESOLVABLE_HOST}:8080/v1`;
    const res = await post(shared, url);
    assert.deepEqual([res.status, res.error_code, res.error], [0, 1101, 'lookup: no such host']);
    const { res: sse } = await stream(shared, url);
    assert.equal(sse.error, `Post "${url}": lookup ${UNRESOLVABLE_HOST}: no such host`);
  });

  it('an https URL on a plain HTTP port: 1300, and the scheme mismatch', async () => {
    const url = plain.url('/v1/chat/completions').replace('http:', 'https:');
    const res = await post(shared, url);
    assert.deepEqual(
      [res.status, res.error_code, res.error],
      [0, 1300, 'tls: first record does not look like a TLS handshake'],
    );
    const { res: sse } = await stream(shared, url);
    assert.equal(sse.error, `Post "${url}": http: server gave HTTP response to HTTPS client`);
  });
});
