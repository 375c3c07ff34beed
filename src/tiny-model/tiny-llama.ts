// A deterministic tiny llama-architecture GGUF with random weights: real llama-server timings without a download.
import { randomBytes } from 'node:crypto';
import { access, mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { cacheDir } from '../util/paths.ts';
import { writeGguf, type GgufTensor, type GgufValue } from './gguf-writer.ts';
import { toHalfBits } from './half.ts';
import { createRandom, deriveSeed } from './rng.ts';
import {
  hashTinyLlamaOptions,
  resolveTinyLlamaOptions,
  type ResolvedTinyLlamaOptions,
  type TinyLlamaOptions,
} from './tiny-llama-options.ts';
import { buildTinyVocab, CHATML_TEMPLATE, SPECIAL_TOKEN_IDS, type TinyVocab } from './tiny-vocab.ts';

export { promptOfTokens, CHATML_TEMPLATE, SPECIAL_TOKEN_IDS } from './tiny-vocab.ts';
export { WORDS } from './words.ts';
export { TINY_LLAMA_DEFAULTS, type TinyLlamaOptions } from './tiny-llama-options.ts';

/** What was written. */
export interface TinyModelInfo {
  path: string;
  bytes: number;
  vocabSize: number;
}

const WEIGHT_STD = 0.02;
const F16_FILE_TYPE = 1; // llama_ftype MOSTLY_F16

/** Writes the tiny model to `path` (through a temporary file, so a crash never leaves a partial model there). */
export async function writeTinyLlama(path: string, options: TinyLlamaOptions = {}): Promise<TinyModelInfo> {
  const resolved = resolveTinyLlamaOptions(options);
  const vocab = buildTinyVocab(resolved.vocabWords);
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await mkdir(dirname(path), { recursive: true });
  try {
    const bytes = await writeGguf(temporary, {
      metadata: buildMetadata(resolved, vocab),
      tensors: buildTensors(resolved, vocab.tokens.length),
    });
    await rename(temporary, path);
    return { path, bytes, vocabSize: vocab.tokens.length };
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Returns the cached model for these options, writing it first when absent. */
export async function ensureTinyModel(options: TinyLlamaOptions = {}): Promise<string> {
  const path = tinyModelPath(options);
  if (await exists(path)) return path;
  await writeTinyLlama(path, options);
  return path;
}

/** Where ensureTinyModel keeps the model for these options. */
export function tinyModelPath(options: TinyLlamaOptions = {}): string {
  const hash = hashTinyLlamaOptions(resolveTinyLlamaOptions(options));
  return join(cacheDir(), 'models', `tiny-llama-${hash}.gguf`);
}

function buildMetadata(options: ResolvedTinyLlamaOptions, vocab: TinyVocab): [string, GgufValue][] {
  const uint32 = (value: number): GgufValue => ({ type: 'uint32', value });
  return [
    ['general.architecture', { type: 'string', value: 'llama' }],
    ['general.name', { type: 'string', value: 'inferload tiny llama' }],
    ['general.file_type', uint32(F16_FILE_TYPE)],
    ['llama.vocab_size', uint32(vocab.tokens.length)],
    ['llama.context_length', uint32(options.contextLength)],
    ['llama.embedding_length', uint32(options.embedding)],
    ['llama.block_count', uint32(options.blocks)],
    ['llama.feed_forward_length', uint32(options.feedForward)],
    ['llama.attention.head_count', uint32(options.heads)],
    ['llama.attention.head_count_kv', uint32(options.headsKv)],
    ['llama.rope.dimension_count', uint32(options.embedding / options.heads)],
    ['llama.rope.freq_base', { type: 'float32', value: 10000 }],
    ['llama.attention.layer_norm_rms_epsilon', { type: 'float32', value: 1e-5 }],
    ['tokenizer.ggml.model', { type: 'string', value: 'llama' }],
    ['tokenizer.ggml.tokens', { type: 'array', itemType: 'string', value: vocab.tokens }],
    ['tokenizer.ggml.scores', { type: 'array', itemType: 'float32', value: vocab.scores }],
    ['tokenizer.ggml.token_type', { type: 'array', itemType: 'int32', value: vocab.types }],
    ['tokenizer.ggml.bos_token_id', uint32(SPECIAL_TOKEN_IDS.bos)],
    ['tokenizer.ggml.eos_token_id', uint32(SPECIAL_TOKEN_IDS.eos)],
    ['tokenizer.ggml.unknown_token_id', uint32(SPECIAL_TOKEN_IDS.unk)],
    ['tokenizer.ggml.add_bos_token', { type: 'bool', value: true }],
    ['tokenizer.ggml.add_eos_token', { type: 'bool', value: false }],
    ['tokenizer.ggml.add_space_prefix', { type: 'bool', value: true }],
    ['tokenizer.chat_template', { type: 'string', value: CHATML_TEMPLATE }],
  ];
}

function buildTensors(options: ResolvedTinyLlamaOptions, vocabSize: number): GgufTensor[] {
  const { embedding, feedForward, seed } = options;
  const embeddingKv = (embedding / options.heads) * options.headsKv;
  const weight = (name: string, [rows, columns]: [number, number]): GgufTensor => ({
    name,
    shape: [rows, columns],
    type: 'f16',
    data: () => fillNormalHalf(rows * columns, deriveSeed(seed, name)),
  });
  const norm = (name: string): GgufTensor => ({
    name,
    shape: [embedding],
    type: 'f32',
    data: () => fillOnes(embedding),
  });

  const tensors = [weight('token_embd.weight', [vocabSize, embedding])];
  for (let block = 0; block < options.blocks; block++) {
    const prefix = `blk.${block}`;
    tensors.push(
      norm(`${prefix}.attn_norm.weight`),
      weight(`${prefix}.attn_q.weight`, [embedding, embedding]),
      weight(`${prefix}.attn_k.weight`, [embeddingKv, embedding]),
      weight(`${prefix}.attn_v.weight`, [embeddingKv, embedding]),
      weight(`${prefix}.attn_output.weight`, [embedding, embedding]),
      norm(`${prefix}.ffn_norm.weight`),
      weight(`${prefix}.ffn_gate.weight`, [feedForward, embedding]),
      weight(`${prefix}.ffn_up.weight`, [feedForward, embedding]),
      weight(`${prefix}.ffn_down.weight`, [embedding, feedForward]),
    );
  }
  tensors.push(norm('output_norm.weight'), weight('output.weight', [vocabSize, embedding]));
  return tensors;
}

// Random normal * WEIGHT_STD as little-endian f16, from a per-tensor seed so tensors do not depend on each other.
function fillNormalHalf(count: number, seed: number): Uint8Array {
  const random = createRandom(seed);
  const bytes = new Uint8Array(count * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < count; i++) view.setUint16(i * 2, toHalfBits(random.nextNormal() * WEIGHT_STD), true);
  return bytes;
}

function fillOnes(count: number): Uint8Array {
  const bytes = new Uint8Array(count * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < count; i++) view.setFloat32(i * 4, 1, true);
  return bytes;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
