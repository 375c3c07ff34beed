// The server's cgroup: where its cpu.stat lives (v1 or v2), and CFS throttling read from it.

/**
 * The cpu.stat file of the cgroup a process is in, from the lines of /proc/PID/cgroup. `v2Root` is where the
 * unified hierarchy is mounted: /sys/fs/cgroup on a pure v2 host, /sys/fs/cgroup/unified on a hybrid one.
 */
export function cpuStatPath(cgroupLines: readonly string[], v2Root = '/sys/fs/cgroup'): string | undefined {
  for (const line of cgroupLines) {
    const [, controllers, path] = /^\d+:([^:]*):(.*)$/.exec(line.trim()) ?? [];
    if (controllers === undefined || path === undefined) continue;
    if (controllers === '' && cgroupLines.length === 1) return `${v2Root}${trimRoot(path)}/cpu.stat`;
    const names = controllers.split(',');
    if (names.includes('cpu')) return `/sys/fs/cgroup/${controllers}${trimRoot(path)}/cpu.stat`;
  }
  // Hybrid hierarchies list v1 controllers and a "0::" line; without a v1 cpu controller, v2 holds it.
  const unified = cgroupLines.find((l) => l.startsWith('0::'));
  return unified === undefined ? undefined : `${v2Root}${trimRoot(unified.slice(3).trim())}/cpu.stat`;
}

function trimRoot(path: string): string {
  return path === '/' ? '' : path;
}

export interface CfsThrottling {
  periods: number;
  throttledPeriods: number;
  /** Time throttled since the cgroup began, ms (v2 throttled_usec, v1 throttled_time in ns). */
  throttledMs: number;
}

/** Parses cpu.stat; undefined when it has no CFS fields (no quota support). */
export function parseCpuStat(lines: readonly string[]): CfsThrottling | undefined {
  const values = new Map<string, number>();
  for (const line of lines) {
    const [key, value] = line.trim().split(/\s+/);
    if (key !== undefined && value !== undefined) values.set(key, Number(value));
  }
  const periods = values.get('nr_periods');
  const throttledPeriods = values.get('nr_throttled');
  if (periods === undefined || throttledPeriods === undefined) return undefined;
  const usec = values.get('throttled_usec');
  const ns = values.get('throttled_time');
  const throttledMs = usec !== undefined ? usec / 1000 : ns !== undefined ? ns / 1e6 : 0;
  return { periods, throttledPeriods, throttledMs };
}
