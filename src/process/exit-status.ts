// An execa result as the exit status a shell would report, so a local command reads like one run over SSH.
import { constants } from 'node:os';

/** Exit status for "cannot execute" (not executable, a folder), as a shell reports it. */
export const EXIT_NOT_EXECUTABLE = 126;
/** Exit status for "program not found", as a shell reports it. */
export const EXIT_NOT_FOUND = 127;

/** What execa reports of how a command ended (its result and error share these fields). */
export interface Ending {
  exitCode?: number | undefined;
  signal?: string | undefined;
  /** The errno code when the program could not be started (ENOENT, EACCES, ...). */
  code?: string | undefined;
  originalMessage?: string | undefined;
}

export interface ExitStatus {
  code: number;
  /** Why the program could not be started, as a shell would say it; absent when it ran. */
  startError?: string;
}

const NOT_EXECUTABLE = new Set(['EACCES', 'EISDIR', 'ENOEXEC', 'EPERM', 'ENOTDIR']);

/** The status of an ending; undefined when execa failed for another reason (its message says which). */
export function exitStatusOf(ending: Ending, program: string): ExitStatus | undefined {
  if (typeof ending.exitCode === 'number') return { code: ending.exitCode };
  if (ending.signal !== undefined) {
    return { code: 128 + (constants.signals[ending.signal as NodeJS.Signals] ?? 0) };
  }
  if (ending.code === 'ENOENT') return { code: EXIT_NOT_FOUND, startError: `${program}: not found (ENOENT)` };
  if (ending.code !== undefined && NOT_EXECUTABLE.has(ending.code)) {
    const why = ending.code === 'EACCES' ? 'Permission denied' : 'cannot execute';
    return { code: EXIT_NOT_EXECUTABLE, startError: `${program}: ${why} (${ending.code})` };
  }
  return undefined;
}
