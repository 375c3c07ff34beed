// Prompt sets: built-in synthetic ones of known token counts, shared-prefix ones, or a ShareGPT file by path.
import { SharedArray } from 'k6/data';
import { PROMPT_SETS_JSON } from '../data/prompt-sets.ts';

export interface Prompt {
  text: string;
  /** Prompt tokens on the generated tiny model's tokenizer (without BOS and chat template), when known. */
  tokens?: number;
}

interface ShareGptRecord {
  conversations?: { from?: string; value?: string }[];
  prompt?: string;
}

interface BuiltinSets {
  sets: Record<string, { tokens: number; prompts: string[] } | undefined>;
  sharedPrefix: { prefix: string; prefixTokens: number; suffixes: string[]; suffixTokens: number };
}

export const BUILTIN_SETS = ['short', 'medium', 'long', 'shared-prefix'] as const;

// Parsed only inside SharedArray's callback, i.e. once per test run, not once per VU.
function fromBuiltin(name: string): Prompt[] | undefined {
  if (!(BUILTIN_SETS as readonly string[]).includes(name)) return undefined;
  const builtin = JSON.parse(PROMPT_SETS_JSON) as BuiltinSets;
  if (name === 'shared-prefix') {
    const { prefix, prefixTokens, suffixes, suffixTokens } = builtin.sharedPrefix;
    return suffixes.map((suffix) => ({ text: `${prefix} ${suffix}`, tokens: prefixTokens + suffixTokens }));
  }
  const set = builtin.sets[name];
  return set?.prompts.map((text) => ({ text, tokens: set.tokens }));
}

/** Reads ShareGPT JSON (an array of {conversations}) or JSONL (one {conversations} or {prompt} per line). */
export function parsePromptFile(path: string, text: string): Prompt[] {
  const trimmed = text.trim();
  let records: ShareGptRecord[];
  try {
    records = trimmed.startsWith('[')
      ? (JSON.parse(trimmed) as ShareGptRecord[])
      : trimmed
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map((l) => JSON.parse(l) as ShareGptRecord);
  } catch (error) {
    throw new Error(`PROMPTS=${path}: not ShareGPT JSON or JSONL (${String(error)})`);
  }
  const prompts: Prompt[] = [];
  for (const record of records) {
    const human = record.conversations?.find((turn) => turn.from === 'human' || turn.from === 'user')?.value;
    const text = human ?? record.prompt;
    if (typeof text === 'string' && text.trim() !== '') prompts.push({ text });
  }
  if (prompts.length === 0)
    throw new Error(`PROMPTS=${path}: no prompt found (expected conversations[].from='human' or 'prompt')`);
  return prompts;
}

/** Loads the set named by PROMPTS once per test (init context), shared read-only by every VU. */
export function loadPrompts(name: string): Prompt[] {
  return new SharedArray(`prompts:${name}`, () => {
    const known = fromBuiltin(name);
    if (known) return known;
    if (!name.includes('/') && !name.includes('.')) {
      throw new Error(`PROMPTS: expected one of ${BUILTIN_SETS.join(', ')} or a file path, got '${name}'`);
    }
    return parsePromptFile(name, open(name));
  }) as unknown as Prompt[];
}
