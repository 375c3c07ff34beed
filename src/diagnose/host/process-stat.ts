// /proc/PID/stat and /proc/PID/status: one process's CPU time, RSS and threads.

export interface ProcessTimes {
  /** utime + stime, in clock ticks (USER_HZ, 100 on Linux). */
  ticks: number;
  threads?: number;
}

/** Parses /proc/PID/stat; the command name may hold spaces and parentheses, so fields count from the last ')'. */
export function parsePidStat(line: string): ProcessTimes | undefined {
  const close = line.lastIndexOf(')');
  if (close < 0) return undefined;
  const fields = line.slice(close + 2).split(' ');
  // After the name: state is field 3 of proc_pid_stat(5); utime 14, stime 15, num_threads 20.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const threads = Number(fields[17]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return undefined;
  return { ticks: utime + stime, ...(Number.isFinite(threads) ? { threads } : {}) };
}

/** The resident set size from /proc/PID/status (VmRSS), in bytes. */
export function parseRssBytes(statusLines: readonly string[]): number | undefined {
  for (const line of statusLines) {
    const match = /^VmRSS:\s+(\d+)\s+kB/.exec(line);
    if (match) return Number(match[1]) * 1024;
  }
  return undefined;
}

/** Cpus_allowed_list from /proc/PID/status: the process's effective cpuset. */
export function parseAllowedCpus(statusLines: readonly string[]): string | undefined {
  for (const line of statusLines) {
    const match = /^Cpus_allowed_list:\s+(\S+)/.exec(line);
    if (match) return match[1];
  }
  return undefined;
}
