import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SseParser } from '../../../src/client/sse-parser.ts';

describe('SseParser', () => {
  it('parses events split at every possible byte boundary', () => {
    const text = 'data: {"a":1}\n\n: ping\n\nevent: done\ndata: x\ndata: y\nid: 7\n\n';
    for (let cut = 0; cut <= text.length; cut += 1) {
      const parser = new SseParser();
      const events = [...parser.push(text.slice(0, cut)), ...parser.push(text.slice(cut))];
      assert.deepEqual(
        events,
        [
          { event: 'message', data: '{"a":1}' },
          { event: 'done', data: 'x\ny', id: '7' },
        ],
        `cut at ${cut}`,
      );
    }
  });

  it('accepts CRLF and CR line endings, including a CRLF split across chunks', () => {
    const parser = new SseParser();
    const events = [...parser.push('data: a\r'), ...parser.push('\n\r\ndata: b\r\r\n')];
    assert.deepEqual(
      events.map((e) => e.data),
      ['a', 'b'],
    );
  });

  it('skips comment lines and drops an unterminated trailing event', () => {
    const parser = new SseParser();
    assert.deepEqual(parser.push(': keep-alive\n\ndata: partial'), []);
    assert.deepEqual(parser.end(), []);
  });

  it('keeps data without a space after the colon and empty data lines', () => {
    const parser = new SseParser();
    assert.deepEqual(
      parser.push('data:x\ndata\n\n').map((e) => e.data),
      ['x\n'],
    );
  });
});
