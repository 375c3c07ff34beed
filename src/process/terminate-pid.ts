// Ends a process this one may not have started (a server recorded by an earlier command): SIGTERM, a grace
// period, then SIGKILL; to its whole group when it leads one, so the children it started end with it.
import { setTimeout as delay } from 'node:timers/promises';
import { isAlive } from './probe-pid.ts';

export interface TerminateOptions {
  /** How long it may take to exit after SIGTERM before SIGKILL (default 10 s). */
  graceMs?: number;
  /** Signal the group `pid` leads (a process started with group: true), not only the process. */
  group?: boolean;
}

// How long a killed process may take to disappear (the kernel frees its memory first).
const KILL_WAIT_MS = 2_000;

/** Stops `pid` and settles once it is gone (or did not go within a while of SIGKILL); true when it was killed. */
export async function terminatePid(pid: number, options: TerminateOptions = {}): Promise<boolean> {
  const group = options.group ?? false;
  signalPid(pid, 'SIGTERM', group);
  if (await waitForExit(pid, options.graceMs ?? 10_000)) return false;
  signalPid(pid, 'SIGKILL', group);
  await waitForExit(pid, KILL_WAIT_MS);
  return true;
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (isAlive(pid) && Date.now() < deadline) await delay(100);
  return !isAlive(pid);
}

function signalPid(pid: number, signal: NodeJS.Signals, group: boolean): void {
  try {
    process.kill(group ? -pid : pid, signal);
  } catch (error) {
    // A pid that leads no group (recorded before groups were used) is signalled alone.
    if (group && (error as NodeJS.ErrnoException).code === 'ESRCH') signalPid(pid, signal, false);
    else if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
