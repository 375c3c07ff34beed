import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeJsonError } from '../../../src/results/describe-json-error.ts';

function describeParse(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return describeJsonError(text, error);
  }
  throw new Error(`${text} parsed`);
}

describe('describeJsonError', () => {
  it('says a cut file ran out of input, at its last line, however V8 words it', () => {
    assert.equal(describeParse('{\n  "a": 1,\n  "b": '), 'Unexpected end of JSON input at line 3');
    assert.equal(describeParse('{\n  "metrics": {\n'), 'Unexpected end of JSON input at line 2');
  });

  it('points at the line of the error instead of a byte position', () => {
    assert.equal(
      describeParse('{\n"a": 1\n}\n}'),
      'Unexpected non-whitespace character after JSON at line 4',
    );
    assert.equal(describeParse('{"a" 1}'), "Expected ':' after property name at line 1");
  });

  it('says an empty file is empty, and keeps control characters out of the message', () => {
    assert.equal(describeParse(' \n'), 'the file is empty');
    const described = describeParse('\u001b[31m');
    assert.ok(!described.includes('\u001b'), described);
    assert.match(described, /^Unexpected token '\?'/);
  });
});
