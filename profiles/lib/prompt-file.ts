// Reads a prompt file (ShareGPT JSON or JSONL): no k6 imports, so the runner checks PROMPTS with the same code
// before a run starts.

export interface Prompt {
  text: string;
  /** Prompt tokens on the generated tiny model's tokenizer (without BOS and chat template), when known. */
  tokens?: number;
}

interface ShareGptRecord {
  conversations?: { from?: string; value?: string }[];
  prompt?: string;
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
  for (const record of Array.isArray(records) ? records : []) {
    const human = record?.conversations?.find((turn) => turn.from === 'human' || turn.from === 'user')?.value;
    const text = human ?? record?.prompt;
    if (typeof text === 'string' && text.trim() !== '') prompts.push({ text });
  }
  if (prompts.length === 0)
    throw new Error(`PROMPTS=${path}: no prompt found (expected conversations[].from='human' or 'prompt')`);
  return prompts;
}
