import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kvBytesPerToken, parseGgufShape, readGgufShape } from '../../../src/campaign/read-gguf-shape.ts';
import { writeTinyLlama } from '../../../src/tiny-model/tiny-llama.ts';

describe('readGgufShape', () => {
  it("reads layers, KV heads and head size from a model's header, whatever its shape", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inferload-gguf-'));
    const path = join(dir, 'm.gguf');
    await writeTinyLlama(path, {
      blocks: 3,
      embedding: 128,
      heads: 4,
      headsKv: 2,
      feedForward: 256,
      vocabWords: 50,
    });
    const shape = await readGgufShape(path);
    assert.deepEqual(shape, { architecture: 'llama', blockCount: 3, headCountKv: 2, headDim: 32 });
    // K and V, 3 layers, 2 KV heads of 32 dims, 2 bytes each.
    assert.equal(kvBytesPerToken(shape as NonNullable<typeof shape>), 2 * 3 * 2 * 32 * 2);
  });

  it('gives nothing for a file that is not GGUF', () => {
    assert.equal(parseGgufShape(Buffer.from('not a model at all, just text')), undefined);
    assert.equal(parseGgufShape(Buffer.alloc(4)), undefined);
  });
});
