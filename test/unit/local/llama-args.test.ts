import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildLlamaArgs } from '../../../src/local/llama-args.ts';

describe('buildLlamaArgs', () => {
  it('sizes the context as ctx-per-slot x slots and keeps values as single arguments', () => {
    const args = buildLlamaArgs({
      model: '/models/a b; rm -rf $(x).gguf',
      host: '127.0.0.1',
      port: 8081,
      slots: 4,
      threads: 2,
      ctxPerSlot: 1024,
    });
    const value = (flag: string): string | undefined => args[args.indexOf(flag) + 1];
    assert.equal(value('--ctx-size'), '4096');
    assert.equal(value('--parallel'), '4');
    assert.equal(value('--threads-batch'), '2');
    assert.equal(value('--model'), '/models/a b; rm -rf $(x).gguf');
    assert.ok(args.includes('--metrics'));
  });
});
