// Prompt sets: built-in synthetic ones of known token counts, shared-prefix ones, or a ShareGPT file by path.
import { SharedArray } from 'k6/data';
import { PROMPT_SETS_JSON } from '../data/prompt-sets.ts';
import { BUILTIN_PROMPT_SETS } from './defaults.ts';
import { parsePromptFile, type Prompt } from './prompt-file.ts';

export type { Prompt };

interface BuiltinSets {
  sets: Record<string, { tokens: number; prompts: string[] } | undefined>;
  sharedPrefix: { prefix: string; prefixTokens: number; suffixes: string[]; suffixTokens: number };
}

export const BUILTIN_SETS = BUILTIN_PROMPT_SETS;

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
