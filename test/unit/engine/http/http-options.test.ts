import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { httpOptionsFrom, withHttpEnv } from '../../../../src/engine/run/http-options.ts';
import { resolveOverride } from '../../../../src/engine/modules/http/run-connector.ts';
import {
  clientCertificateFor,
  goCipherSuiteName,
  toConnectOptions,
} from '../../../../src/engine/modules/http/tls-options.ts';

describe("the HTTP client's options", () => {
  it('reads every HTTP option k6 has', () => {
    const options = httpOptionsFrom({
      userAgent: 'ua/1',
      maxRedirects: 0,
      batch: 3,
      batchPerHost: 2,
      insecureSkipTLSVerify: true,
      noConnectionReuse: true,
      noCookiesReset: true,
      tlsVersion: 'tls1.2',
      tlsCipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'],
      tlsAuth: [{ domains: ['example.com'], cert: 'C', key: 'K' }],
      hosts: { 'test.k6.io': '127.0.0.1:8080' },
      vus: 10,
    });
    assert.deepEqual(options, {
      userAgent: 'ua/1',
      maxRedirects: 0,
      batch: 3,
      batchPerHost: 2,
      insecureSkipTLSVerify: true,
      noConnectionReuse: true,
      noCookiesReset: true,
      minVersion: 'tls1.2',
      maxVersion: 'tls1.2',
      cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'],
      clientCertificates: [{ domains: ['example.com'], cert: 'C', key: 'K' }],
      hosts: { 'test.k6.io': '127.0.0.1:8080' },
    });
    assert.deepEqual(httpOptionsFrom({}), {});
  });

  it('names the option, the value and what was expected when a value is wrong', () => {
    assert.throws(
      () => httpOptionsFrom({ maxRedirects: -1 }),
      /options\.maxRedirects: expected a whole number from 0, got -1/,
    );
    assert.throws(() => httpOptionsFrom({ userAgent: 5 }), /options\.userAgent: expected a string, got 5/);
    assert.throws(
      () => httpOptionsFrom({ insecureSkipTLSVerify: 'yes' }),
      /options\.insecureSkipTLSVerify: expected true or false/,
    );
    assert.throws(
      () => httpOptionsFrom({ tlsVersion: 'tls9' }),
      /options\.tlsVersion: expected one of ssl3\.0, tls1\.0, .*got "tls9"/,
    );
    assert.throws(() => httpOptionsFrom({ tlsVersion: { min: 'x' } }), /options\.tlsVersion\.min/);
    assert.throws(
      () => httpOptionsFrom({ tlsCipherSuites: ['RC5'] }),
      /options\.tlsCipherSuites\[0\]: expected one of/,
    );
    assert.throws(
      () => httpOptionsFrom({ tlsAuth: [{ cert: 'C' }] }),
      /options\.tlsAuth\[0\]\.key: expected a string/,
    );
    assert.throws(() => httpOptionsFrom({ hosts: { a: 1 } }), /options\.hosts\["a"\]: expected a string/);
  });

  it('lays K6_* variables over the script options, as k6 layers its config', () => {
    const layered = withHttpEnv(
      { userAgent: 'script', maxRedirects: 4 },
      { K6_USER_AGENT: 'env', K6_INSECURE_SKIP_TLS_VERIFY: 'true', K6_NO_COOKIES_RESET: '', HOME: '/' },
    );
    assert.deepEqual(layered, { userAgent: 'env', maxRedirects: 4, insecureSkipTLSVerify: true });
    assert.throws(
      () => httpOptionsFrom(withHttpEnv({}, { K6_MAX_REDIRECTS: 'many' })),
      /options\.maxRedirects/,
    );
  });

  it("turns TLS settings into Node's, and names suites as Go does", () => {
    assert.deepEqual(
      toConnectOptions({
        minVersion: 'ssl3.0',
        maxVersion: 'tls1.3',
        cipherSuites: ['TLS_RSA_WITH_AES_128_GCM_SHA256', 'TLS_AES_128_GCM_SHA256'],
      }),
      {
        rejectUnauthorized: true,
        minVersion: 'TLSv1',
        maxVersion: 'TLSv1.3',
        ciphers: 'AES128-GCM-SHA256:TLS_AES_128_GCM_SHA256',
      },
    );
    assert.equal(toConnectOptions({ insecureSkipTLSVerify: true }).rejectUnauthorized, false);
    assert.equal(
      goCipherSuiteName('TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256'),
      'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305',
    );
    assert.equal(goCipherSuiteName('TLS_CHACHA20_POLY1305_SHA256'), 'TLS_CHACHA20_POLY1305_SHA256');
    const certs = [{ domains: ['*.example.com'], cert: 'C', key: 'K' }];
    assert.equal(clientCertificateFor(certs, 'api.example.com'), certs[0]);
    assert.equal(clientCertificateFor(certs, 'example.com'), undefined);
    assert.equal(clientCertificateFor(certs, 'a.b.example.com'), undefined);
  });

  it('dials the address `hosts` gives, "name:port" before "name"', () => {
    const hosts = { 'test.k6.io': '127.0.0.1', 'test.k6.io:443': '127.0.0.2:8443', v6: '::1' };
    assert.deepEqual(resolveOverride(hosts, 'test.k6.io', '80'), { hostname: '127.0.0.1', port: '80' });
    assert.deepEqual(resolveOverride(hosts, 'test.k6.io', '443'), { hostname: '127.0.0.2', port: '8443' });
    assert.deepEqual(resolveOverride(hosts, 'v6', '80'), { hostname: '::1', port: '80' });
    assert.equal(resolveOverride(hosts, 'other', '80'), undefined);
    assert.equal(resolveOverride(undefined, 'test.k6.io', '80'), undefined);
  });
});
