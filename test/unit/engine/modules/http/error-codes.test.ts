import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classifyError, statusErrorCode } from '../../../../../src/engine/modules/http/error-codes.ts';

function nodeError(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

describe('classifyError', () => {
  it("maps socket errors to k6's codes and messages", () => {
    assert.deepEqual(classifyError(nodeError('ECONNREFUSED'), false), {
      code: 1212,
      message: 'dial: connection refused',
    });
    assert.deepEqual(classifyError(nodeError('UND_ERR_CONNECT_TIMEOUT'), false), {
      code: 1211,
      message: 'dial: i/o timeout',
    });
    assert.deepEqual(classifyError(nodeError('ECONNRESET'), true), {
      code: 1220,
      message: 'read: connection reset by peer',
    });
    assert.deepEqual(classifyError(nodeError('ENOTFOUND'), false), {
      code: 1101,
      message: 'lookup: no such host',
    });
    assert.deepEqual(classifyError(nodeError('EPIPE'), false), { code: 1201, message: 'write: broken pipe' });
  });

  it('reports a server closing the connection as EOF or unexpected EOF', () => {
    assert.deepEqual(classifyError(nodeError('UND_ERR_SOCKET'), false), { code: 1000, message: 'EOF' });
    assert.deepEqual(classifyError(nodeError('UND_ERR_SOCKET'), true), {
      code: 1000,
      message: 'unexpected EOF',
    });
  });

  it('reads the errno of an AggregateError from happy-eyeballs connects', () => {
    const aggregate = new AggregateError([nodeError('ECONNREFUSED')], 'all failed');
    assert.equal(classifyError(aggregate, false).code, 1212);
  });

  it('maps TLS certificate errors', () => {
    assert.equal(classifyError(nodeError('DEPTH_ZERO_SELF_SIGNED_CERT'), false).code, 1310);
    assert.equal(classifyError(nodeError('ERR_TLS_CERT_ALTNAME_INVALID'), false).code, 1311);
    assert.equal(classifyError(nodeError('CERT_HAS_EXPIRED', 'certificate has expired'), false).code, 1300);
  });

  it("words a response head past Go's 10 MiB limit as Go's transport does", () => {
    assert.deepEqual(classifyError(nodeError('UND_ERR_HEADERS_OVERFLOW', 'Headers Overflow Error'), true), {
      code: 1000,
      message: 'net/http: server response headers exceeded 10485760 bytes; aborted',
    });
  });

  it("reports a plain-HTTP port behind an https URL as k6 does Go's tls.RecordHeaderError", () => {
    const openssl = '80:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:...';
    const expected = { code: 1300, message: 'tls: first record does not look like a TLS handshake' };
    assert.deepEqual(classifyError(nodeError('ERR_SSL_WRONG_VERSION_NUMBER', openssl), false), expected);
    assert.deepEqual(classifyError(nodeError('EPROTO', `write EPROTO ${openssl}`), false), expected);
    const alert = Object.assign(nodeError('ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION', openssl), {
      reason: 'tlsv1 alert protocol version',
    });
    assert.deepEqual(classifyError(alert, false), {
      code: 1300,
      message: 'tls: tlsv1 alert protocol version',
    });
  });

  it('falls back to 1000 with the original message', () => {
    assert.deepEqual(classifyError(new Error('boom'), false), { code: 1000, message: 'boom' });
    assert.deepEqual(classifyError('text', false), { code: 1000, message: 'text' });
  });
});

describe('statusErrorCode', () => {
  it('is 1000+status from 400 up, 0 below', () => {
    assert.equal(statusErrorCode(404), 1404);
    assert.equal(statusErrorCode(503), 1503);
    assert.equal(statusErrorCode(399), 0);
    assert.equal(statusErrorCode(200), 0);
  });
});
