import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gguf, GGUFValueType } from '@huggingface/gguf';
import {
  CHATML_TEMPLATE,
  ensureTinyModel,
  promptOfTokens,
  TINY_LLAMA_DEFAULTS,
  WORDS,
  writeTinyLlama,
  type TinyLlamaOptions,
} from '../../../src/tiny-model/tiny-llama.ts';
import { resolveTinyLlamaOptions } from '../../../src/tiny-model/tiny-llama-options.ts';
import { parseModelOptions } from '../../../src/commands/model.ts';
import { UserError } from '../../../src/util/errors.ts';

const dir = await mkdtemp(join(tmpdir(), 'inferload-tiny-'));
test.after(() => rm(dir, { recursive: true, force: true }));

const SMALL: TinyLlamaOptions = {
  embedding: 32,
  blocks: 2,
  feedForward: 48,
  heads: 4,
  headsKv: 2,
  vocabWords: 120,
};

async function sha256(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

// The merge loop of llama.cpp's SPM tokenizer (llm_tokenizer_spm_session): repeatedly merge the adjacent pair whose
// concatenation is a token with the highest score, leftmost first; a pair that is not a token never merges.
function tokenizeSpm(text: string, ids: Map<string, number>, scores: number[]): number[] {
  const symbols = [...('\u2581' + text.replaceAll(' ', '\u2581'))];
  for (;;) {
    let best = -1;
    let bestScore = -Infinity;
    for (let i = 0; i + 1 < symbols.length; i++) {
      const id = ids.get(`${symbols[i]}${symbols[i + 1]}`);
      const score = id === undefined ? undefined : scores[id];
      if (score !== undefined && score > bestScore) [best, bestScore] = [i, score];
    }
    if (best < 0) break;
    symbols.splice(best, 2, symbols.slice(best, best + 2).join(''));
  }
  return symbols.map((symbol) => ids.get(symbol) ?? -1);
}

test('writes the llama metadata, tokenizer and tensors that llama.cpp expects', async () => {
  const path = join(dir, 'small.gguf');
  const info = await writeTinyLlama(path, SMALL);
  assert.equal((await stat(path)).size, info.bytes);
  const { typedMetadata: meta, tensorInfos } = await gguf(path, {
    allowLocalFile: true,
    typedMetadata: true,
  });

  const uint32 = (key: string, value: number) =>
    assert.deepEqual(meta[key], { value, type: GGUFValueType.UINT32 }, key);
  assert.equal(meta['general.architecture']?.value, 'llama');
  uint32('general.file_type', 1);
  uint32('llama.context_length', 4096);
  uint32('llama.embedding_length', 32);
  uint32('llama.block_count', 2);
  uint32('llama.feed_forward_length', 48);
  uint32('llama.attention.head_count', 4);
  uint32('llama.attention.head_count_kv', 2);
  uint32('llama.rope.dimension_count', 8);
  uint32('tokenizer.ggml.bos_token_id', 1);
  uint32('tokenizer.ggml.eos_token_id', 2);
  uint32('tokenizer.ggml.unknown_token_id', 0);
  assert.deepEqual(meta['llama.attention.layer_norm_rms_epsilon'], {
    value: Math.fround(1e-5),
    type: GGUFValueType.FLOAT32,
  });
  assert.equal(meta['tokenizer.ggml.model']?.value, 'llama');
  assert.equal(meta['tokenizer.ggml.add_bos_token']?.value, true);
  assert.equal(meta['tokenizer.chat_template']?.value, CHATML_TEMPLATE);

  const tokens = meta['tokenizer.ggml.tokens']?.value as string[];
  const types = meta['tokenizer.ggml.token_type']?.value as number[];
  const scores = meta['tokenizer.ggml.scores']?.value as number[];
  assert.equal(meta['tokenizer.ggml.token_type']?.subType, GGUFValueType.INT32);
  assert.equal(meta['tokenizer.ggml.scores']?.subType, GGUFValueType.FLOAT32);
  assert.equal(tokens.length, info.vocabSize);
  assert.equal(new Set(tokens).size, tokens.length, 'tokens are distinct');
  assert.deepEqual(tokens.slice(0, 5), ['<unk>', '<s>', '</s>', '<|im_start|>', '<|im_end|>']);
  assert.deepEqual(types.slice(0, 5), [2, 3, 3, 3, 3]);
  assert.equal(tokens[5], '<0x00>');
  assert.equal(tokens[5 + 0x0a], '<0x0A>');
  assert.equal(tokens[260], '<0xFF>');
  assert.ok(types.slice(5, 261).every((type) => type === 6));
  assert.ok(tokens.slice(261).every((token) => token.startsWith('\u2581')));
  assert.ok(types.slice(261).every((type) => type === 1));
  assert.equal(scores.length, tokens.length);
  assert.equal(meta['llama.vocab_size']?.value, tokens.length);

  const shapes = new Map(
    tensorInfos.map((tensor) => [tensor.name, [tensor.shape.map(Number), tensor.dtype]]),
  );
  assert.equal(tensorInfos.length, 3 + 2 * 9);
  assert.deepEqual(shapes.get('token_embd.weight'), [[32, tokens.length], 1]);
  assert.deepEqual(shapes.get('output.weight'), [[32, tokens.length], 1]);
  assert.deepEqual(shapes.get('output_norm.weight'), [[32], 0]);
  assert.deepEqual(shapes.get('blk.1.attn_norm.weight'), [[32], 0]);
  assert.deepEqual(shapes.get('blk.1.attn_q.weight'), [[32, 32], 1]);
  assert.deepEqual(shapes.get('blk.1.attn_k.weight'), [[32, 16], 1], 'grouped-query k has headsKv heads');
  assert.deepEqual(shapes.get('blk.1.attn_v.weight'), [[32, 16], 1]);
  assert.deepEqual(shapes.get('blk.1.attn_output.weight'), [[32, 32], 1]);
  assert.deepEqual(shapes.get('blk.0.ffn_gate.weight'), [[32, 48], 1]);
  assert.deepEqual(shapes.get('blk.0.ffn_up.weight'), [[32, 48], 1]);
  assert.deepEqual(shapes.get('blk.0.ffn_down.weight'), [[48, 32], 1]);
});

test('every vocabulary word tokenizes to exactly one token the way llama.cpp merges', async () => {
  const path = join(dir, 'all-words.gguf');
  await writeTinyLlama(path, { ...SMALL, vocabWords: WORDS.length });
  const { typedMetadata: meta } = await gguf(path, { allowLocalFile: true, typedMetadata: true });
  const tokens = meta['tokenizer.ggml.tokens']?.value as string[];
  const scores = meta['tokenizer.ggml.scores']?.value as number[];
  const ids = new Map(tokens.map((token, id) => [token, id]));
  for (const word of WORDS)
    assert.deepEqual(tokenizeSpm(word, ids, scores), [ids.get(`\u2581${word}`)], word);
  const prompt = promptOfTokens(300, 3, WORDS.length);
  const ids300 = tokenizeSpm(prompt, ids, scores);
  assert.equal(ids300.length, 300);
  assert.ok(ids300.every((id) => id > 260));
});

test('ships at least 1000 distinct lowercase words', () => {
  assert.ok(WORDS.length >= 1000);
  assert.equal(new Set(WORDS).size, WORDS.length);
  assert.ok(WORDS.every((word) => /^[a-z]+$/.test(word)));
});

test('identical options give identical bytes; another seed gives other weights', async () => {
  const [a, b, c] = ['a', 'b', 'c'].map((name) => join(dir, `${name}.gguf`)) as [string, string, string];
  await writeTinyLlama(a, SMALL);
  await writeTinyLlama(b, SMALL);
  await writeTinyLlama(c, { ...SMALL, seed: 7 });
  assert.equal(await sha256(a), await sha256(b));
  assert.notEqual(await sha256(a), await sha256(c));
  assert.equal((await stat(a)).size, (await stat(c)).size);
});

test('ensureTinyModel writes once into the cache and reuses the file', async () => {
  process.env['INFERLOAD_CACHE'] = join(dir, 'cache');
  const path = await ensureTinyModel(SMALL);
  assert.match(path, /[/\\]models[/\\]tiny-llama-[0-9a-f]{12}\.gguf$/);
  assert.ok(path.startsWith(join(dir, 'cache')));
  const first = await stat(path);
  assert.equal(await ensureTinyModel({ ...SMALL }), path);
  assert.equal((await stat(path)).mtimeMs, first.mtimeMs, 'not rewritten');
  assert.notEqual(await ensureTinyModel({ ...SMALL, seed: 1 }), path);
  const files = await readdir(join(dir, 'cache', 'models'));
  assert.ok(
    files.every((file) => file.endsWith('.gguf')),
    `no temporary files left: ${files.join(', ')}`,
  );
});

test('the default model is about 40-50 MB', async () => {
  const path = join(dir, 'default.gguf');
  const { bytes } = await writeTinyLlama(path);
  assert.ok(bytes > 40e6 && bytes < 50e6, `${bytes} bytes`);
  const { tensorInfos } = await gguf(path, { allowLocalFile: true });
  assert.equal(tensorInfos.length, 3 + TINY_LLAMA_DEFAULTS.blocks * 9);
});

test('promptOfTokens returns n vocabulary words, deterministic per seed', () => {
  assert.equal(promptOfTokens(0), '');
  const prompt = promptOfTokens(64, 5);
  const words = prompt.split(' ');
  assert.equal(words.length, 64);
  assert.equal(prompt, promptOfTokens(64, 5));
  assert.notEqual(prompt, promptOfTokens(64, 6));
  const allowed = new Set(WORDS.slice(0, TINY_LLAMA_DEFAULTS.vocabWords));
  assert.ok(words.every((word) => allowed.has(word)));
  const few = new Set(WORDS.slice(0, 10));
  assert.ok(
    promptOfTokens(50, 1, 10)
      .split(' ')
      .every((word) => few.has(word)),
  );
  assert.throws(() => promptOfTokens(-1), RangeError);
});

test('invalid options fail naming the option, the value and what was expected', () => {
  assert.throws(() => resolveTinyLlamaOptions({ blocks: 0 }), {
    name: 'UserError',
    message: /blocks must be .*1 to 128, got 0/,
  });
  assert.throws(
    () => resolveTinyLlamaOptions({ embedding: 100 }),
    /embedding must be a multiple of 2 × heads \(16\)/,
  );
  assert.throws(() => resolveTinyLlamaOptions({ headsKv: 3 }), /headsKv must divide heads \(8\), got 3/);
  assert.throws(
    () => parseModelOptions({ ff: 'big' }),
    (error: unknown) => {
      assert.ok(error instanceof UserError);
      assert.equal(error.message, '--ff expects a whole number, got "big"');
      return true;
    },
  );
  assert.throws(
    () => parseModelOptions({ vocabWords: '0' }),
    /--vocab-words must be an integer from 1 to \d+, got 0/,
  );
  assert.throws(
    () => parseModelOptions({ embedding: '100', heads: '4' }),
    /--embedding must be a multiple of 2 × --heads/,
  );
  assert.deepEqual(parseModelOptions({ seed: '9', ff: '64', headsKv: '4' }), {
    seed: 9,
    feedForward: 64,
    headsKv: 4,
  });
});
