import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMultipart, readBoundary } from '../../../src/sim/multipart.ts';

describe('multipart', () => {
  it('reads the boundary, quoted or not, and refuses a body without one', () => {
    assert.equal(readBoundary('multipart/form-data; boundary=abc'), 'abc');
    assert.equal(readBoundary('multipart/form-data; boundary="a b"'), 'a b');
    assert.throws(() => readBoundary('application/json'), /multipart\/form-data/);
  });

  it('splits fields and a file, keeping the file text as sent', () => {
    const body =
      '--B\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nbatch\r\n' +
      '--B\r\nContent-Disposition: form-data; name="file"; filename="in.jsonl"\r\n' +
      'Content-Type: application/octet-stream\r\n\r\n{"a":1}\n{"b":2}\n\r\n--B--\r\n';
    assert.deepEqual(parseMultipart(body, 'B'), [
      { name: 'purpose', filename: undefined, text: 'batch' },
      { name: 'file', filename: 'in.jsonl', text: '{"a":1}\n{"b":2}\n' },
    ]);
  });
});
