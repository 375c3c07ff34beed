import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRandom } from '../../../src/sim/prng.ts';
import {
  countChatTokens,
  countCompletionTokens,
  countTextTokens,
  createWordSource,
} from '../../../src/sim/tokens.ts';

describe('token counting', () => {
  it('counts one token per short word and more for long ones', () => {
    assert.equal(countTextTokens(''), 0);
    assert.equal(countTextTokens('  hello   world \n'), 2);
    assert.equal(countTextTokens('internationalization'), 4);
  });

  it('adds template framing for chats and a BOS for completions', () => {
    assert.equal(countChatTokens(['hello world']), 3 + 4 + 2);
    assert.equal(countChatTokens(['a', 'b c']), 3 + 4 + 1 + 4 + 2);
    assert.equal(countCompletionTokens('hello world'), 3);
  });
});

describe('createWordSource', () => {
  it('produces the same words for the same seed, spaced after the first', () => {
    const first = createWordSource(createRandom(7));
    const second = createWordSource(createRandom(7));
    const words = [0, 1, 2].map((i) => first(i));
    assert.deepEqual(
      words,
      [0, 1, 2].map((i) => second(i)),
    );
    assert.ok(!words[0]?.startsWith(' '));
    assert.ok(words[1]?.startsWith(' ') && words[2]?.startsWith(' '));
  });
});
