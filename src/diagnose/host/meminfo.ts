// /proc/meminfo ("Key:   value kB") and the swap counters of /proc/vmstat.

/** The values of /proc/meminfo in bytes, by key (MemTotal, MemAvailable, SwapTotal, SwapFree, ...). */
export function parseMeminfo(lines: readonly string[]): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of lines) {
    const match = /^([\w()]+):\s+(\d+)(?:\s+kB)?\s*$/.exec(line);
    if (!match) continue;
    const kib = line.trimEnd().endsWith('kB');
    values.set(match[1] as string, Number(match[2]) * (kib ? 1024 : 1));
  }
  return values;
}

/** Pages swapped in and out since boot (/proc/vmstat pswpin, pswpout). */
export function parseSwapCounters(lines: readonly string[]): { pswpin?: number; pswpout?: number } {
  const out: { pswpin?: number; pswpout?: number } = {};
  for (const line of lines) {
    const [key, value] = line.split(' ');
    if (key === 'pswpin' || key === 'pswpout') out[key] = Number(value);
  }
  return out;
}
