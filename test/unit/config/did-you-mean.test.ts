import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { didYouMean, editDistance, findClosest } from '../../../src/config/did-you-mean.ts';

describe('did you mean', () => {
  it('measures edits, counting a swap of neighbours as one', () => {
    assert.equal(editDistance('threads_gen', 'thread_gen'), 1);
    assert.equal(editDistance('flash_attn', 'falsh_attn'), 1);
    assert.equal(editDistance('', 'abc'), 3);
  });

  it('suggests near misses only', () => {
    assert.equal(findClosest('adress', ['address', 'port', 'user']), 'address');
    assert.equal(findClosest('zz', ['a', 'b']), undefined);
    assert.equal(didYouMean('Balanced', ['balanced']), " (did you mean 'balanced'?)");
    assert.equal(didYouMean('gpu_layers_max', ['port']), '');
  });
});
