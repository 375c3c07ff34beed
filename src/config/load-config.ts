// Finds and loads the config file: the argument, else $CONFIG, else config/llama.yaml in the project.
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { UserError } from '../util/errors.ts';
import { projectRoot } from '../util/paths.ts';
import { readOnlineCpus } from './cpu-topology.ts';
import { formatIssue } from './issues.ts';
import { validateConfigText, type ValidationResult } from './schema.ts';
import type { InferloadConfig } from './types.ts';

export const DEFAULT_CONFIG = join(projectRoot, 'config', 'llama.yaml');

/** The absolute path of the config file to use. */
export function configPath(path?: string): string {
  const chosen = path ?? process.env['CONFIG'];
  return chosen === undefined || chosen === '' ? DEFAULT_CONFIG : resolve(chosen);
}

export interface CheckedConfig extends ValidationResult {
  /** The file as messages show it. */
  shown: string;
}

/** Reads and validates the config without throwing on schema errors (for `config check`, which prints all). */
export async function checkConfigFile(path?: string): Promise<CheckedConfig> {
  const absolute = configPath(path);
  const shown = displayPath(absolute);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UserError(`cannot read config ${shown}: ${why} (pass --config PATH or set CONFIG=path)`, 2);
  }
  // Host local is this machine: its cpusets are checked against the CPUs it has.
  const localCpus = await readOnlineCpus();
  return { ...validateConfigText(text, shown, localCpus === undefined ? {} : { localCpus }), shown };
}

/** Loads and validates the config; throws UserError (exit 2) listing every problem, each with file and line. */
export async function loadConfig(path?: string): Promise<InferloadConfig> {
  const checked = await checkConfigFile(path);
  if (checked.config === undefined) throw configErrors(checked);
  return checked.config;
}

/** The multi-line UserError for a file with errors: a count, then one `file:line:col: key: message` each. */
export function configErrors(checked: CheckedConfig): UserError {
  const count = checked.errors.length;
  const lines = checked.errors.map((issue) => `  ${formatIssue(issue)}`);
  return new UserError([`${checked.shown}: ${count} error${count === 1 ? '' : 's'}`, ...lines].join('\n'), 2);
}

/** Relative to the working folder when inside it, so messages stay short and clickable. */
function displayPath(absolute: string): string {
  const rel = relative(process.cwd(), absolute);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolute;
}
