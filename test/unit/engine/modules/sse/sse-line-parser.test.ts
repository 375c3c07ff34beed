import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { type SseEvent, SseLineParser } from '../../../../../src/engine/modules/sse/sse-line-parser.ts';

interface Collected {
  events: SseEvent[];
  errors: string[];
}

function parse(chunks: readonly (string | Buffer)[], stopAfter = Infinity): Collected {
  const out: Collected = { events: [], errors: [] };
  const sink = {
    get stopped() {
      return out.events.length >= stopAfter;
    },
    onSseEvent: (event: SseEvent) => out.events.push(event),
    onSseError: (message: string) => out.errors.push(message),
  };
  const parser = new SseLineParser(sink);
  for (const chunk of chunks) parser.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  return out;
}

function event(fields: Partial<SseEvent>): SseEvent {
  return { id: '', comment: '', name: '', data: '', ...fields };
}

const STREAM =
  'id: 1\nevent: delta\ndata: {"a":"é€𝄞"}\n\n: ping\n\ndata:x\ndata:  y\ndata\nretry: 10\n\ndata: a\r\ndata: b\r\n\r\nid:2\n\n';
const EXPECTED: Collected = {
  events: [
    event({ id: '1', name: 'delta', data: '{"a":"é€𝄞"}' }),
    event({ comment: 'ping' }),
    event({ data: 'x\n y' }),
    event({ data: 'a\r\nb' }),
    event({ id: '2' }),
  ],
  errors: ['unknown event: data\n'],
};

describe('SseLineParser (xk6-sse rules)', () => {
  it('parses the same events whatever byte the stream is split at', () => {
    const bytes = Buffer.from(STREAM, 'utf8');
    assert.deepEqual(parse([bytes]), EXPECTED);
    for (let cut = 0; cut <= bytes.length; cut++) {
      assert.deepEqual(parse([bytes.subarray(0, cut), bytes.subarray(cut)]), EXPECTED, `cut at byte ${cut}`);
    }
  });

  it('parses the stream fed one byte at a time', () => {
    const bytes = Buffer.from(STREAM, 'utf8');
    assert.deepEqual(parse([...bytes].map((byte) => Buffer.from([byte]))), EXPECTED);
  });

  it('joins data lines with "\\n" and trims trailing CR/LF only', () => {
    assert.deepEqual(parse(['data: a\ndata:\n\n']).events, [event({ data: 'a' })]);
    assert.deepEqual(parse(['data:\ndata: b\n\n']).events, [event({ data: '\nb' })]);
    assert.deepEqual(parse(['data:  padded \n\n']).events, [event({ data: ' padded ' })]);
  });

  it('keeps the CR of a CRLF line in id and name values, as xk6-sse does', () => {
    assert.deepEqual(parse(['id: 7\r\nevent: done\r\n\r\n']).events, [event({ id: '7\r', name: 'done\r' })]);
  });

  it('dispatches an event for every blank line, even without data', () => {
    assert.deepEqual(parse(['\n\r\n']).events, [event({}), event({})]);
  });

  it('treats comment lines as the comment of the next event', () => {
    assert.deepEqual(parse([':one\n: two\ndata: d\n\n']).events, [event({ comment: 'two', data: 'd' })]);
  });

  it('reports unknown fields with the raw line and goes on', () => {
    const out = parse(['foo: bar\r\ndata: ok\n\n']);
    assert.deepEqual(out.errors, ['unknown event: foo: bar\r\n']);
    assert.deepEqual(out.events, [event({ data: 'ok' })]);
  });

  it('drops a trailing line without "\\n" and an event without its blank line', () => {
    assert.deepEqual(parse(['data: done\n\ndata: partial\n', 'data: cut']).events, [event({ data: 'done' })]);
  });

  it('stops at once when the sink is stopped (client.close() in a handler)', () => {
    assert.deepEqual(parse(['data: 1\n\ndata: 2\n\ndata: 3\n\n'], 1).events, [event({ data: '1' })]);
  });

  it('keeps a long line split over many chunks intact', () => {
    const long = 'x'.repeat(100_000);
    const text = `data: ${long}\n\n`;
    const chunks: string[] = [];
    for (let i = 0; i < text.length; i += 1000) chunks.push(text.slice(i, i + 1000));
    assert.deepEqual(parse(chunks).events, [event({ data: long })]);
  });
});
