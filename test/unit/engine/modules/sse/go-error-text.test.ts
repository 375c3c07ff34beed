import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { goReason, goRequestError } from '../../../../../src/engine/modules/sse/go-error-text.ts';

function nodeError(code: string, extra: Record<string, unknown> = {}, message = code): Error {
  return Object.assign(new Error(message), { code, ...extra });
}

describe('goReason', () => {
  it("words dial and read failures as Go's net.OpError", () => {
    assert.equal(
      goReason(nodeError('ECONNREFUSED', { address: '127.0.0.1', port: 1 })),
      'dial tcp 127.0.0.1:1: connect: connection refused',
    );
    assert.equal(
      goReason(nodeError('ECONNRESET'), { local: '127.0.0.1:5000', remote: '127.0.0.1:8080' }),
      'read tcp 127.0.0.1:5000->127.0.0.1:8080: read: connection reset by peer',
    );
    assert.equal(goReason(nodeError('ECONNRESET')), 'read: connection reset by peer');
    assert.equal(goReason(nodeError('EPIPE')), 'write: broken pipe');
    assert.equal(
      goReason(nodeError('ETIMEDOUT', { address: '10.0.0.1', port: 80 })),
      'dial tcp 10.0.0.1:80: i/o timeout',
    );
  });

  it("words a name that does not resolve as k6's dialer returns Go's DNSError", () => {
    assert.equal(
      goReason(nodeError('ENOTFOUND', { hostname: 'x.invalid' })),
      'lookup x.invalid: no such host',
    );
    assert.match(
      goReason(nodeError('EAI_AGAIN', { hostname: 'x.example' }, 'getaddrinfo EAI_AGAIN x.example')),
      /^lookup x\.example: /,
    );
  });

  it('words TLS failures as crypto/tls and net/http do', () => {
    const openssl = '80:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:...';
    assert.equal(
      goReason(nodeError('ERR_SSL_WRONG_VERSION_NUMBER', {}, openssl)),
      'http: server gave HTTP response to HTTPS client',
    );
    assert.equal(
      goReason(nodeError('EPROTO', {}, `write EPROTO ${openssl}`)),
      'http: server gave HTTP response to HTTPS client',
    );
    assert.equal(
      goReason(
        nodeError('ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', { reason: 'sslv3 alert handshake failure' }),
      ),
      'tls: sslv3 alert handshake failure',
    );
    assert.equal(
      goReason(nodeError('DEPTH_ZERO_SELF_SIGNED_CERT')),
      'tls: failed to verify certificate: x509: certificate signed by unknown authority',
    );
  });

  it('reads the first error of an AggregateError (happy-eyeballs connects)', () => {
    const aggregate = new AggregateError([nodeError('ECONNREFUSED', { address: '::1', port: 9 })], 'all');
    assert.equal(goReason(aggregate), 'dial tcp [::1]:9: connect: connection refused');
  });
});

describe('goRequestError', () => {
  it("prefixes the method and quoted URL as Go's url.Error does", () => {
    assert.equal(goRequestError('POST', 'http://h/p', 'EOF'), 'Post "http://h/p": EOF');
  });
});
