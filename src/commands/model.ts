// `inferload model generate`: writes the deterministic tiny llama model for local runs.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../util/errors.ts';
import { ensureTinyModel, writeTinyLlama, type TinyLlamaOptions } from '../tiny-model/tiny-llama.ts';
import { resolveTinyLlamaOptions, type TinyLlamaOptionNames } from '../tiny-model/tiny-llama-options.ts';

interface GenerateFlags {
  out?: string;
  seed?: string;
  embedding?: string;
  blocks?: string;
  ff?: string;
  heads?: string;
  headsKv?: string;
  context?: string;
  vocabWords?: string;
}

// Each model option with the flag that sets it, so errors name what the user typed.
const FLAGS = {
  seed: ['seed', '--seed'],
  embedding: ['embedding', '--embedding'],
  blocks: ['blocks', '--blocks'],
  feedForward: ['ff', '--ff'],
  heads: ['heads', '--heads'],
  headsKv: ['headsKv', '--heads-kv'],
  contextLength: ['context', '--context'],
  vocabWords: ['vocabWords', '--vocab-words'],
} as const satisfies Record<keyof TinyLlamaOptions, readonly [keyof GenerateFlags, string]>;

/** Registers `model generate`. */
export function registerModel(program: Command): void {
  const model = program.command('model').description('Generate test models');
  model
    .command('generate')
    .description('Write a deterministic tiny llama GGUF with random weights (cached unless --out is given)')
    .option('--out <path>', 'file to write instead of the cache')
    .option('--seed <n>', 'random seed')
    .option('--embedding <n>', 'embedding length')
    .option('--blocks <n>', 'transformer blocks')
    .option('--ff <n>', 'feed-forward length')
    .option('--heads <n>', 'attention heads')
    .option('--heads-kv <n>', 'key/value heads (grouped-query attention)')
    .option('--context <n>', 'trained context length')
    .option('--vocab-words <n>', 'vocabulary words, each one token')
    .action(async (flags: GenerateFlags) => {
      const started = performance.now();
      const options = parseModelOptions(flags);
      const path = flags.out
        ? (await writeTinyLlama(resolve(flags.out), options)).path
        : await ensureTinyModel(options);
      const { size } = await stat(path);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`${path} (${(size / 1e6).toFixed(1)} MB, ${size} bytes, ${seconds} s)`);
    });
}

/** Turns the flags into model options, throwing UserError naming the flag on a bad value. */
export function parseModelOptions(flags: GenerateFlags): TinyLlamaOptions {
  const options: TinyLlamaOptions = {};
  const names: TinyLlamaOptionNames = {};
  for (const [key, [flagKey, flag]] of Object.entries(FLAGS) as [
    keyof TinyLlamaOptions,
    [keyof GenerateFlags, string],
  ][]) {
    names[key] = flag;
    const raw = flags[flagKey];
    if (raw === undefined) continue;
    if (!/^\d+$/.test(raw.trim())) throw new UserError(`${flag} expects a whole number, got "${raw}"`);
    options[key] = Number(raw.trim());
  }
  // Range and consistency checks live with the model; this only supplies the flag names for the messages.
  resolveTinyLlamaOptions(options, names);
  return options;
}
