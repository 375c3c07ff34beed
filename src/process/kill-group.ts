// Signals a whole process group: a command started in its own group (detached) and every child it forked.

/** Sends `signal` to the group `pid` leads; a group already gone is not an error. */
export function killProcessGroup(pid: number | undefined, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
