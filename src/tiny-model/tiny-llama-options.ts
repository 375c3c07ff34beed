// Defaults and validation for the tiny random-weights llama model.
import { createHash } from 'node:crypto';
import { UserError } from '../util/errors.ts';
import { WORDS } from './words.ts';

/** Shape and content choices of the tiny model; every field is optional. */
export interface TinyLlamaOptions {
  seed?: number;
  embedding?: number;
  blocks?: number;
  feedForward?: number;
  heads?: number;
  headsKv?: number;
  contextLength?: number;
  vocabWords?: number;
}

export type ResolvedTinyLlamaOptions = Required<TinyLlamaOptions>;

/** How each option is called where it came from (a CLI flag, a config key) so errors name what the user typed. */
export type TinyLlamaOptionNames = Partial<Record<keyof TinyLlamaOptions, string>>;

/** Defaults giving a model of about 45 MB that llama-server loads in well under a second. */
export const TINY_LLAMA_DEFAULTS: Readonly<ResolvedTinyLlamaOptions> = Object.freeze({
  seed: 42,
  embedding: 512,
  blocks: 6,
  feedForward: 1536,
  heads: 8,
  headsKv: 8,
  contextLength: 4096,
  vocabWords: 1000,
});

// Bumped whenever the bytes written for the same options change, so cached models are regenerated.
const FORMAT_VERSION = 1;

const RANGES: Record<keyof TinyLlamaOptions, readonly [number, number]> = {
  seed: [0, 0xffffffff],
  embedding: [16, 8192],
  blocks: [1, 128],
  feedForward: [1, 65536],
  heads: [1, 256],
  headsKv: [1, 256],
  contextLength: [16, 1 << 20],
  vocabWords: [1, WORDS.length],
};

/** Fills in defaults and checks ranges and the constraints between options, throwing UserError on bad input. */
export function resolveTinyLlamaOptions(
  options: TinyLlamaOptions = {},
  names: TinyLlamaOptionNames = {},
): ResolvedTinyLlamaOptions {
  const resolved: ResolvedTinyLlamaOptions = { ...TINY_LLAMA_DEFAULTS };
  for (const key of Object.keys(RANGES) as (keyof TinyLlamaOptions)[]) {
    const value = options[key];
    if (value !== undefined) resolved[key] = value;
  }
  const name = (key: keyof TinyLlamaOptions): string => names[key] ?? key;

  for (const [key, [min, max]] of Object.entries(RANGES) as [keyof TinyLlamaOptions, [number, number]][]) {
    const value = resolved[key];
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new UserError(`${name(key)} must be an integer from ${min} to ${max}, got ${String(value)}`);
    }
  }
  const { embedding, heads, headsKv } = resolved;
  if (embedding % (2 * heads) !== 0) {
    throw new UserError(
      `${name('embedding')} must be a multiple of 2 × ${name('heads')} (${2 * heads}) so every attention head has ` +
        `an even size for RoPE, got ${embedding}`,
    );
  }
  if (heads % headsKv !== 0) {
    throw new UserError(`${name('headsKv')} must divide ${name('heads')} (${heads}), got ${headsKv}`);
  }
  return resolved;
}

/** A short stable hash of resolved options and the format version, for cache file names. */
export function hashTinyLlamaOptions(options: ResolvedTinyLlamaOptions): string {
  const keys = Object.keys(RANGES) as (keyof TinyLlamaOptions)[];
  const canonical = JSON.stringify([FORMAT_VERSION, ...keys.map((key) => [key, options[key]])]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 12);
}
