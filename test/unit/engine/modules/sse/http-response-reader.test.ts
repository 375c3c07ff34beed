import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  HttpResponseReader,
  type HttpResponseSink,
} from '../../../../../src/engine/modules/sse/http-response-reader.ts';

const BROKEN = 'net/http: HTTP/1.x transport connection broken: ';

interface Seen {
  status?: number;
  headers?: Record<string, string>;
  body: string;
  ended: boolean;
  failure?: string;
}

function reader(method = 'POST'): { reader: HttpResponseReader; seen: Seen } {
  const seen: Seen = { body: '', ended: false };
  const sink: HttpResponseSink = {
    stopped: false,
    onResponseHead(status, headers) {
      seen.status = status;
      seen.headers = headers;
    },
    onResponseBody(chunk) {
      seen.body += chunk.toString('latin1');
    },
    onResponseEnd() {
      seen.ended = true;
    },
    onResponseFailure(reason) {
      seen.failure = reason;
    },
  };
  return { reader: new HttpResponseReader(sink, method), seen };
}

/** Feeds `text` to a fresh reader in pieces of `size` bytes, then ends the connection when `end` is set. */
function feed(text: string | Buffer, size: number, end = false): Seen {
  const r = reader();
  const bytes = typeof text === 'string' ? Buffer.from(text, 'latin1') : text;
  for (let at = 0; at < bytes.length; at += size) r.reader.push(bytes.subarray(at, at + size));
  if (end) r.reader.end();
  return r.seen;
}

const CHUNKED = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nx-a: 1\r\n\r\n5\r\nhello\r\n0\r\n\r\n';

describe('HttpResponseReader', () => {
  it('reads a chunked response whatever the read boundaries, the blank line split included', () => {
    for (const size of [1, 2, 3, 5, 7, 64, CHUNKED.length]) {
      const seen = feed(CHUNKED, size);
      assert.deepEqual(
        [seen.status, seen.headers?.['X-A'], seen.body, seen.ended, seen.failure],
        [200, '1', 'hello', true, undefined],
        `pieces of ${size}`,
      );
    }
  });

  it("accepts a head up to Go's 10 MiB and refuses one past it, as Go's transport words it", () => {
    const filler = (n: number): Buffer =>
      Buffer.from(`HTTP/1.1 200 OK\r\nx-f: ${'a'.repeat(n)}\r\ncontent-length: 2\r\n\r\nok`, 'latin1');
    const within = feed(filler(10 * 1024 * 1024 - 100), 65536);
    assert.deepEqual([within.status, within.body, within.failure], [200, 'ok', undefined]);
    const past = feed(filler(10 * 1024 * 1024 + 10), 65536);
    assert.equal(past.status, undefined);
    assert.equal(past.failure, `${BROKEN}net/http: server response headers exceeded 10485760 bytes; aborted`);
  });

  it('tells a close before any byte (EOF) from one in the head or in the body (unexpected EOF)', () => {
    assert.equal(feed('', 1, true).failure, 'EOF');
    assert.equal(feed('HTTP/1.1 200 OK\r\nx-a', 4, true).failure, `${BROKEN}unexpected EOF`);
    assert.equal(feed('HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nabc', 4, true).failure, 'unexpected EOF');
    assert.equal(feed(CHUNKED.slice(0, -7), 4, true).failure, 'unexpected EOF');
    const untilClose = feed('HTTP/1.1 200 OK\r\n\r\nall of it', 4, true);
    assert.deepEqual([untilClose.body, untilClose.ended, untilClose.failure], ['all of it', true, undefined]);
  });

  it('words a read error as Go does: broken only while the head is partial', () => {
    const reset = 'read tcp 127.0.0.1:1->127.0.0.1:2: read: connection reset by peer';
    assert.equal(reader().reader.readFailureReason(reset), reset);
    const partial = reader();
    partial.reader.push(Buffer.from('HTTP/1.1 200 OK\r\n'));
    assert.equal(partial.reader.readFailureReason(reset), `${BROKEN}${reset}`);
  });

  it("refuses what is not HTTP with Go's ReadResponse errors, as soon as the first line is in", () => {
    assert.equal(feed('garbage\n', 64).failure, `${BROKEN}malformed HTTP response "garbage"`);
    assert.equal(feed('HTTP/1.1 2x0 OK\r\n', 64).failure, `${BROKEN}malformed HTTP status code "2x0"`);
    assert.equal(feed('SPDY/3 200 OK\r\n', 64).failure, `${BROKEN}malformed HTTP version "SPDY/3"`);
    assert.equal(
      feed('HTTP/1.1 200 OK\r\nno colon here\r\n\r\n', 64).failure,
      `${BROKEN}malformed MIME header line: no colon here`,
    );
    assert.equal(
      feed('HTTP/1.1 200 OK\r\ncontent-length: x\r\n\r\n', 64).failure,
      `${BROKEN}bad Content-Length "x"`,
    );
  });

  it("reports chunked-encoding damage in the words of Go's chunked reader", () => {
    const head = 'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n';
    assert.equal(feed(`${head}zz\r\n`, 64).failure, 'invalid byte in chunk length');
    assert.equal(feed(`${head}2\r\nabX`, 64).failure, 'malformed chunked encoding');
  });

  it('skips an interim 100 Continue and reads the final head after it in the same chunk', () => {
    const seen = feed(
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\ncontent-length: 1\r\n\r\nx',
      1024,
    );
    assert.deepEqual([seen.status, seen.body, seen.ended], [201, 'x', true]);
  });
});
