import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpGet, httpGetJson, httpStatus } from '../../../src/util/http-get.ts';

describe('httpGet', () => {
  let server: Server;
  let base = '';
  before(async () => {
    server = createServer((req, res) => {
      if (req.url === '/json') res.end('{"build_info":"b1"}');
      else if (req.url === '/slow') setTimeout(() => res.end('late'), 2000).unref();
      else res.writeHead(404).end('nope');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it('reads the status and the body', async () => {
    assert.deepEqual(await httpGet(`${base}/json`, { timeoutMs: 1000 }), {
      status: 200,
      text: '{"build_info":"b1"}',
    });
    assert.deepEqual(await httpGet(`${base}/x`, { timeoutMs: 1000 }, false), { status: 404, text: '' });
  });

  it('parses JSON, refusing a non-2xx answer', async () => {
    assert.deepEqual(await httpGetJson(`${base}/json`, 1000), { build_info: 'b1' });
    await assert.rejects(httpGetJson(`${base}/x`, 1000), /answered HTTP 404/);
  });

  it('gives no status for a refused port or a server that does not answer in time', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    assert.equal(await httpStatus(`http://127.0.0.1:${port}/health`, 1000), undefined);
    assert.equal(await httpStatus(`${base}/slow`, 200), undefined);
    assert.equal(await httpStatus(`${base}/json`, 1000), 200);
  });
});
