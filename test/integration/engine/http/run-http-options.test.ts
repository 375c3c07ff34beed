// The run's HTTP options end to end: real scripts through runTest against the local httpbin (HTTP and HTTPS on
// a self-signed certificate), each option read before the first request as k6 reads it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runTest } from '../../../../src/engine/run/run-test.ts';
import { UserError } from '../../../../src/util/errors.ts';
import { type Httpbin, startHttpbin } from '../../../helpers/httpbin.ts';
import { type TestServer, startServer } from './test-server.ts';

const tmp = mkdtempSync(join(tmpdir(), 'inferload-http-options-'));

interface Exported {
  metrics: Record<string, Record<string, number>>;
  root_group: { checks: Record<string, { passes: number; fails: number }> };
}

let counter = 0;

/** Runs `body` as the default function under `options`; returns the summary export and the log. */
async function run(options: object, body: string, env: Record<string, string> = {}) {
  counter += 1;
  const script = join(tmp, `script-${counter}.js`);
  writeFileSync(
    script,
    `import http from 'k6/http';\nimport { check } from 'k6';\nexport const options = ${JSON.stringify(options)};\nexport default async function () {\n${body}\n}\n`,
  );
  const exportFile = join(tmp, `export-${counter}.json`);
  let log = '';
  const stderr = new PassThrough();
  stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const result = await runTest({
    scriptPath: script,
    env,
    summaryExport: exportFile,
    quiet: true,
    stderr,
    stdout: new PassThrough(),
  });
  const exported = JSON.parse(readFileSync(exportFile, 'utf8')) as Exported;
  const checks: Record<string, { passes: number; fails: number }> = {};
  for (const [name, c] of Object.entries(exported.root_group.checks))
    checks[name] = { passes: c.passes, fails: c.fails };
  return { result, exported, log, checks };
}

describe('the HTTP options of a run', { timeout: 120_000 }, () => {
  let bin: Httpbin;
  let plain: TestServer;
  const inFlight = { now: 0, max: 0 };

  before(async () => {
    bin = await startHttpbin();
    plain = await startServer({
      '/ok': (_req, res) => res.end('ok'),
      // Holds each answer a little, so requests sent together are in flight together.
      '/held': (_req, res) => {
        inFlight.now += 1;
        inFlight.max = Math.max(inFlight.max, inFlight.now);
        setTimeout(() => {
          inFlight.now -= 1;
          res.end('held');
        }, 50);
      },
    });
  });
  after(async () => {
    await bin.close();
    await plain.close();
  });

  it('reads userAgent and maxRedirects before the first request (the client used to be made before)', async () => {
    const { result, checks, log, exported } = await run(
      { iterations: 1, userAgent: 'Mine/1.0', maxRedirects: 1 },
      `const ua = await http.get('${bin.url}/user-agent');
       check(ua, { ua: (r) => r.json('user-agent') === 'Mine/1.0' });
       const cut = await http.get('${bin.url}/redirect/3');
       check(cut, { cut: (r) => r.status === 302 && r.url === '${bin.url}/relative-redirect/2' });`,
    );
    assert.equal(result.exitCode, 0, log);
    assert.deepEqual(checks['ua'], { passes: 1, fails: 0 });
    assert.deepEqual(checks['cut'], { passes: 1, fails: 0 });
    assert.equal(exported.metrics['http_reqs']?.['count'], 3);
    assert.doesNotMatch(log, /Stopped after/, 'a limit the script chose is silent');
  });

  it('warns, with the first URL, when the default limit of 10 cuts a chain', async () => {
    const { checks, log } = await run(
      { iterations: 1 },
      `check(await http.get('${bin.url}/redirect/11'), { cut: (r) => r.status === 302 });`,
    );
    assert.deepEqual(checks['cut'], { passes: 1, fails: 0 });
    assert.match(
      log,
      new RegExp(
        `WARN.*Stopped after 10 redirects and returned the redirection; .* url="${bin.url}/redirect/11"`,
      ),
    );
  });

  it('refuses an invalid option with exit 104, naming it', async () => {
    await assert.rejects(
      run({ iterations: 1, tlsVersion: 'tls9' }, ''),
      (error: unknown) =>
        error instanceof UserError &&
        error.exitCode === 104 &&
        /options\.tlsVersion: expected one of/.test(error.message),
    );
  });

  it('refuses a self-signed certificate unless insecureSkipTLSVerify, from the options or K6_*', async () => {
    const body = `const res = await http.get('${bin.tlsUrl}/get');
      check(res, { ok: (r) => r.status === 200, refused: (r) => r.status === 0 && r.error_code === 1310 && r.error === 'x509: unknown authority' });`;
    const refused = await run({ iterations: 1 }, body);
    assert.deepEqual(refused.checks['refused'], { passes: 1, fails: 0 });
    const accepted = await run({ iterations: 1, insecureSkipTLSVerify: true }, body);
    assert.deepEqual(accepted.checks['ok'], { passes: 1, fails: 0 });
    const fromEnv = await run({ iterations: 1 }, body, { K6_INSECURE_SKIP_TLS_VERIFY: 'true' });
    assert.deepEqual(fromEnv.checks['ok'], { passes: 1, fails: 0 });
  });

  it('offers the tlsAuth certificate to the hosts it names', async () => {
    const server = createTlsServer(
      { key: bin.key, cert: bin.cert, requestCert: true, rejectUnauthorized: false },
      (req, res) => {
        const peer = (req.socket as TLSSocket).getPeerCertificate();
        res.end(peer.subject?.CN ?? 'none');
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const body = `const res = await http.get('${url}'); check(res, { cn: (r) => r.body === 'inferload-httpbin', none: (r) => r.body === 'none' });`;
      const offered = await run(
        {
          iterations: 1,
          insecureSkipTLSVerify: true,
          tlsAuth: [{ domains: ['127.0.0.1'], cert: bin.cert, key: bin.key }],
        },
        body,
      );
      assert.deepEqual(offered.checks['cn'], { passes: 1, fails: 0 }, offered.log);
      const other = await run(
        {
          iterations: 1,
          insecureSkipTLSVerify: true,
          tlsAuth: [{ domains: ['example.com'], cert: bin.cert, key: bin.key }],
        },
        body,
      );
      assert.deepEqual(other.checks['none'], { passes: 1, fails: 0 }, other.log);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('dials the address `hosts` maps a name to, keeping the name in the Host header', async () => {
    const port = new URL(bin.url).port;
    const { checks, log } = await run(
      { iterations: 1, hosts: { 'httpbin.invalid': '127.0.0.1' } },
      `check(await http.get('http://httpbin.invalid:${port}/headers'), { host: (r) => r.json('headers.Host') === 'httpbin.invalid:${port}' });`,
    );
    assert.deepEqual(checks['host'], { passes: 1, fails: 0 }, log);
  });

  it('opens a connection per request with noConnectionReuse, one per VU without', async () => {
    const body = `for (let i = 0; i < 3; i++) await http.get('${plain.url('/ok')}');`;
    const before = plain.connections;
    await run({ iterations: 1 }, body);
    assert.equal(plain.connections - before, 1);
    await run({ iterations: 1, noConnectionReuse: true }, body);
    assert.equal(plain.connections - before, 4);
  });

  it('sends at most options.batch requests of an http.batch at once', async () => {
    const body = `const res = await http.batch(['${plain.url('/held')}', '${plain.url('/held')}', '${plain.url('/held')}']);
      check(res, { all: (r) => r.every((x) => x.status === 200) });`;
    inFlight.max = 0;
    const limited = await run({ iterations: 1, batch: 1 }, body);
    assert.deepEqual(limited.checks['all'], { passes: 1, fails: 0 });
    assert.equal(inFlight.max, 1);
    inFlight.max = 0;
    await run({ iterations: 1 }, body);
    assert.equal(inFlight.max, 3);
  });

  it('gives each iteration a fresh VU jar, unless noCookiesReset', async () => {
    const body = `const seen = (await http.get('${bin.url}/cookies')).json().cookies;
      check(seen, { empty: (c) => Object.keys(c).length === 0, kept: (c) => c.k === 'v' });
      await http.get('${bin.url}/cookies/set?k=v');`;
    const reset = await run({ iterations: 2, vus: 1 }, body);
    assert.deepEqual(reset.checks['empty'], { passes: 2, fails: 0 });
    const kept = await run({ iterations: 2, vus: 1, noCookiesReset: true }, body);
    assert.deepEqual(kept.checks['kept'], { passes: 1, fails: 1 });
  });

  it('reports data_sent and data_received on a run without requests, and no vus under a second', async () => {
    const { exported } = await run({ iterations: 2 }, 'check(1, { one: (x) => x === 1 });');
    assert.deepEqual(exported.metrics['data_sent'], { count: 0, rate: 0 });
    assert.deepEqual(exported.metrics['data_received'], { count: 0, rate: 0 });
    assert.equal(exported.metrics['vus'], undefined);
    assert.equal(exported.metrics['vus_max'], undefined);
  });
});
