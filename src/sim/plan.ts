// Decides how long each answer is and why it stops, from the seed and the prompt alone.
import { createRandom, drawInt, hashString, mixSeeds, type Random } from './prng.ts';
import type { SimOptions } from './options.ts';

export interface PlanInput {
  readonly promptText: string;
  readonly promptTokens: number;
  /** The request's limit; undefined or negative means the server default. */
  readonly maxTokens: number | undefined;
  readonly ignoreEos: boolean;
}

export interface RequestPlan {
  readonly outputTokens: number;
  readonly finishReason: 'stop' | 'length';
  /** The limit in force (request or default, capped by the slot's context). */
  readonly limit: number;
  /** Drives the answer's words; seeded like the length. */
  readonly random: Random;
}

/** Distinct prompts remembered for occurrence counting; past this the memory restarts (determinism caveat). */
const MAX_REMEMBERED_PROMPTS = 100_000;

/** Output length: the limit with ignore_eos or when the seeded natural length reaches it, else the natural length. */
export function planOutput(
  options: Pick<SimOptions, 'maxTokensDefault' | 'naturalTokensMin' | 'naturalTokensMax' | 'nCtx'>,
  input: PlanInput,
  random: Random,
): Omit<RequestPlan, 'random'> {
  const requested =
    input.maxTokens === undefined || input.maxTokens < 0 ? options.maxTokensDefault : input.maxTokens;
  const limit = Math.max(0, Math.min(Math.floor(requested), options.nCtx - input.promptTokens));
  const natural = drawInt(random, options.naturalTokensMin, options.naturalTokensMax);
  if (input.ignoreEos || natural >= limit) return { outputTokens: limit, finishReason: 'length', limit };
  return { outputTokens: natural, finishReason: 'stop', limit };
}

/**
 * Plans requests. Each gets its own generator seeded by (seed, prompt hash, how many times that prompt came
 * before), so answers do not depend on how concurrent requests for different prompts interleave.
 */
export class RequestPlanner {
  private readonly seen = new Map<number, number>();
  private readonly options: SimOptions;

  constructor(options: SimOptions) {
    this.options = options;
  }

  plan(input: PlanInput): RequestPlan {
    const key = hashString(input.promptText);
    const occurrence = this.seen.get(key) ?? 0;
    if (this.seen.size >= MAX_REMEMBERED_PROMPTS && occurrence === 0) this.seen.clear();
    this.seen.set(key, occurrence + 1);
    const random = createRandom(mixSeeds(this.options.seed, key, occurrence));
    return { ...planOutput(this.options, input, random), random };
  }
}
