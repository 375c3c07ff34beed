import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { splitLines } from '../../../src/process/split-lines.ts';

describe('splitLines', () => {
  it('joins lines split across chunks and hands over the last one at the end', () => {
    const lines: string[] = [];
    const splitter = splitLines((line) => lines.push(line));
    for (const chunk of ['4', '12\nsecond', ' line\n\nlast']) splitter.write(chunk);
    assert.deepEqual(lines, ['412', 'second line', '']);
    splitter.end();
    assert.deepEqual(lines, ['412', 'second line', '', 'last']);
  });
});
