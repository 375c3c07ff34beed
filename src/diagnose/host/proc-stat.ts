// /proc/stat (proc_stat(5)): per-CPU jiffies and the run queue.

export interface CpuTimes {
  /** Jiffies spent not idle (user, nice, system, irq, softirq, steal). */
  busy: number;
  /** All jiffies but guest and guest_nice, which user and nice already count. */
  total: number;
}

export interface ProcStat {
  cpus: Map<number, CpuTimes>;
  procsRunning?: number;
}

/** Parses the lines of /proc/stat; offline CPUs are simply absent. */
export function parseProcStat(lines: readonly string[]): ProcStat {
  const cpus = new Map<number, CpuTimes>();
  let procsRunning: number | undefined;
  for (const line of lines) {
    const fields = line.trim().split(/\s+/);
    const name = fields[0] ?? '';
    if (/^cpu\d+$/.test(name)) {
      const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields
        .slice(1, 9)
        .map(Number);
      const idleAll = idle + iowait;
      const busy = user + nice + system + irq + softirq + steal;
      cpus.set(Number(name.slice(3)), { busy, total: busy + idleAll });
    } else if (name === 'procs_running') {
      procsRunning = Number(fields[1]);
    }
  }
  return { cpus, ...(procsRunning === undefined ? {} : { procsRunning }) };
}

/** Busy % of one CPU between two readings; undefined when no time passed (or the CPU went offline). */
export function busyPercent(before: CpuTimes | undefined, after: CpuTimes | undefined): number | undefined {
  if (!before || !after) return undefined;
  const total = after.total - before.total;
  if (total <= 0) return undefined;
  return Math.min(100, Math.max(0, (100 * (after.busy - before.busy)) / total));
}
