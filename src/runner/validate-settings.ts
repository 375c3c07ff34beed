// The profile environment contract checked before anything is probed, started or saved, with the same code the
// profiles run at init (profiles/lib/env.ts), so that a bad value never leaves a run folder behind.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { readProfileEnv } from '../../profiles/lib/env.ts';
import { BUILTIN_PROMPT_SETS } from '../../profiles/lib/defaults.ts';
import { parsePromptFile } from '../../profiles/lib/prompt-file.ts';
import { UserError } from '../util/errors.ts';
import { normalizeTarget } from './target-url.ts';

/** The profile environment contract (docs/profiles.md), as the user set it. */
export interface ProfileSettings {
  TARGET_URL: string;
  API: string;
  STREAM: string;
  [key: string]: string;
}

/** Where each variable comes from on inferload's command line, for the error message. */
const FLAGS: Record<string, string> = {
  TARGET_URL: '--target / TARGET',
  API: '--api / API',
  MODEL: '--model / MODEL',
  STREAM: '--stream / STREAM',
  MAX_TOKENS: '--max-tokens / MAX_TOKENS',
  PROMPTS: '--prompts / PROMPTS',
  TIME_SCALE: '--time-scale / TIME_SCALE',
  MODE: '--mode / MODE',
  RATE: '--rate / RATE',
};

/** Returns the settings as the run will use them (TARGET normalised, a prompt file's path made absolute). */
export function validateSettings(settings: ProfileSettings, cwd = process.cwd()): ProfileSettings {
  const checked: ProfileSettings = { ...settings, TARGET_URL: normalizeTarget(settings.TARGET_URL) };
  try {
    readProfileEnv(checked, false);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const variable = /^environment variable (\w+)/.exec(message)?.[1];
    const flag = variable ? FLAGS[variable] : undefined;
    throw new UserError(`${message}${flag ? ` (set by ${flag})` : ''}`);
  }
  const prompts = checked['PROMPTS'];
  if (prompts !== undefined && !(BUILTIN_PROMPT_SETS as readonly string[]).includes(prompts))
    checked['PROMPTS'] = checkPromptFile(prompts, cwd);
  return checked;
}

/** A PROMPTS value that is not a built-in set must be a readable UTF-8 prompt file; returns its absolute path. */
function checkPromptFile(value: string, cwd: string): string {
  const expected = `expected one of ${BUILTIN_PROMPT_SETS.join(', ')} or the path of a ShareGPT JSON/JSONL file`;
  if (!value.includes('/') && !value.includes('.'))
    throw new UserError(`PROMPTS (--prompts): '${value}' is not a prompt set; ${expected}`);
  const path = resolve(cwd, value);
  let bytes: Buffer;
  try {
    if (!statSync(path).isFile()) throw new Error('not a regular file');
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : String((error as Error).message);
    throw new UserError(`PROMPTS (--prompts): cannot read '${value}' (${why}); ${expected}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new UserError(
      `PROMPTS (--prompts): '${value}' is not UTF-8 text (invalid byte at offset ${at}); convert it to UTF-8`,
    );
  }
  try {
    parsePromptFile(value, text);
  } catch (error) {
    throw new UserError(`${(error as Error).message.replace(/^PROMPTS=/, 'PROMPTS (--prompts): ')}`);
  }
  return path;
}

function firstInvalidUtf8(bytes: Buffer): number {
  // The longest prefix that decodes in streaming mode (a cut character at its end is held back, not an error).
  const decodes = (end: number): boolean => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (decodes(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}
