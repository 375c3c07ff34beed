import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classifyTransportError } from '../../../profiles/lib/classify.ts';
import type { ErrorKind } from '../../../profiles/lib/llm-result.ts';

// Error texts as real k6 (k6/http `error`), xk6-sse (Go's url.Error, the `error()` of a read error) and the
// embedded engine print them, with the kind each must get.
const TEXTS: readonly (readonly [string, ErrorKind])[] = [
  // Connection refused.
  ['dial: connection refused', 'connect_refused'],
  [
    'Post "http://127.0.0.1:1/v1/chat/completions": dial tcp 127.0.0.1:1: connect: connection refused',
    'connect_refused',
  ],
  ['Post "http://[::1]:8080/v1": dial tcp [::1]:8080: connect: connection refused', 'connect_refused'],
  // Reset by the peer, broken pipe.
  ['read: connection reset by peer', 'reset'],
  ['Post "http://h/v1": read tcp 127.0.0.1:5123->127.0.0.1:8080: read: connection reset by peer', 'reset'],
  ['read tcp 127.0.0.1:5123->127.0.0.1:8080: read: connection reset by peer', 'reset'],
  ['write: broken pipe', 'reset'],
  [
    'net/http: HTTP/1.x transport connection broken: write tcp 10.0.0.2:1->10.0.0.1:80: write: broken pipe',
    'reset',
  ],
  // Timeouts: k6's request timeout, Go's context deadline, dial timeouts.
  ['request timeout', 'timeout'],
  ['Post "http://h/v1": context deadline exceeded', 'timeout'],
  ['context deadline exceeded', 'timeout'],
  [
    'Post "http://h/v1": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
    'timeout',
  ],
  ['dial: i/o timeout', 'timeout'],
  ['Post "http://10.0.0.1/v1": dial tcp 10.0.0.1:80: i/o timeout', 'timeout'],
  // DNS.
  ['lookup: no such host', 'dns'],
  ['Post "http://x.invalid:8080/v1": lookup x.invalid: no such host', 'dns'],
  ['Post "http://x.invalid/v1": dial tcp: lookup x.invalid on 127.0.0.53:53: no such host', 'dns'],
  ['dial tcp: lookup llm.internal on 10.0.0.53:53: read udp 10.0.0.2:5->10.0.0.53:53: i/o timeout', 'dns'],
  ['lookup llm.internal on 10.0.0.53:53: server misbehaving', 'dns'],
  // TLS.
  ['tls: first record does not look like a TLS handshake', 'tls'],
  ['Post "https://127.0.0.1:8080/v1": http: server gave HTTP response to HTTPS client', 'tls'],
  ['x509: unknown authority', 'tls'],
  ["x509: certificate doesn't match hostname", 'tls'],
  [
    'Post "https://h/v1": tls: failed to verify certificate: x509: certificate signed by unknown authority',
    'tls',
  ],
  ['remote error: tls: handshake failure', 'tls'],
  ['net/http: TLS handshake timeout', 'tls'],
  // Response heads past the limit.
  ['net/http: server response headers exceeded 10485760 bytes; aborted', 'header_overflow'],
  [
    'Post "http://h/v1": net/http: HTTP/1.x transport connection broken: net/http: server response headers exceeded 10485760 bytes; aborted',
    'header_overflow',
  ],
  ['Headers Overflow Error', 'header_overflow'],
  ['Parse Error: HPE_HEADER_OVERFLOW', 'header_overflow'],
  // The server hung up: before the answer (EOF) or in the middle of it (unexpected EOF).
  ['EOF', 'disconnect'],
  ['Post "http://h/v1": EOF', 'disconnect'],
  ['unexpected EOF', 'disconnect'],
  ['net/http: HTTP/1.x transport connection broken: unexpected EOF', 'disconnect'],
  ['Response does not match the HTTP/1.1 protocol (Invalid EOF state)', 'disconnect'],
  ['Response body length does not match content-length header', 'disconnect'],
  ['other side closed', 'disconnect'],
  // Not HTTP at all.
  [
    'Post "http://h/v1": net/http: HTTP/1.x transport connection broken: malformed HTTP response "garbage"',
    'malformed',
  ],
  ['malformed HTTP status code "2x0"', 'malformed'],
  ['invalid byte in chunk length', 'malformed'],
  ['Response does not match the HTTP/1.1 protocol (Expected HTTP/, RTSP/ or ICE/)', 'malformed'],
  // Nothing more precise.
  ['dial tcp 10.0.0.1:80: connect: no route to host', 'network'],
  ['dial: unknown errno 113 error with msg `no route to host`', 'network'],
  ['context canceled', 'network'],
];

describe('classifyTransportError', () => {
  for (const [text, kind] of TEXTS) {
    it(`${kind}: ${text}`, () => assert.equal(classifyTransportError(text), kind));
  }

  it('never classifies by the URL a Go error quotes', () => {
    assert.equal(classifyTransportError('Post "http://timeout.tls.example/lookup": EOF'), 'disconnect');
    assert.equal(
      classifyTransportError('Post "http://h/v1?q=\\"refused\\"": read: connection reset by peer'),
      'reset',
    );
  });

  it("trusts k6/http's error_code where the code alone says it", () => {
    assert.equal(classifyTransportError('anything', 1050), 'timeout');
    assert.equal(classifyTransportError('anything', 1211), 'timeout');
    assert.equal(classifyTransportError('anything', 1101), 'dns');
    assert.equal(classifyTransportError('anything', 1212), 'connect_refused');
    assert.equal(classifyTransportError('anything', 1220), 'reset');
    assert.equal(classifyTransportError('anything', 1310), 'tls');
    assert.equal(classifyTransportError('error decompressing response body', 1701), 'malformed');
    assert.equal(classifyTransportError('unexpected EOF', 1000), 'disconnect', '1000: the text decides');
  });
});
