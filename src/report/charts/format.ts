// Value formatters for chart axes, tooltips and labels.

const DASH = '–';

function trimFixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  const trimmed = text.includes('.') ? text.replace(/\.?0+$/, '') : text;
  return trimmed === '-0' ? '0' : trimmed;
}

function decimalsFor(abs: number): number {
  return abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
}

/** A plain number with about three significant digits: 1234 -> "1234", 12.34 -> "12.3", 0.01234 -> "0.0123". */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return DASH;
  const abs = Math.abs(value);
  if (abs === 0) return '0';
  if (abs >= 1) return trimFixed(value, decimalsFor(abs));
  return trimFixed(value, Math.min(6, 2 - Math.floor(Math.log10(abs))));
}

/** A number with a k/M/G/T suffix: 1500 -> "1.5k", 2_300_000 -> "2.3M". */
export function formatCompact(value: number): string {
  if (!Number.isFinite(value)) return DASH;
  const abs = Math.abs(value);
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, suffix] of units) {
    if (abs >= size * 0.9995) {
      const scaled = value / size;
      return `${trimFixed(scaled, decimalsFor(Math.abs(scaled)))}${suffix}`;
    }
  }
  return formatNumber(value);
}

/** A duration given in milliseconds: 0.85 -> "0.85 ms", 850 -> "850 ms", 1200 -> "1.2 s", 95_000 -> "1m 35s". */
export function formatDurationMs(ms: number): string {
  if (!Number.isFinite(ms)) return DASH;
  const abs = Math.abs(ms);
  const sign = ms < 0 ? '-' : '';
  if (abs < 999.5) return `${sign}${trimFixed(abs, decimalsFor(abs))} ms`;
  const seconds = abs / 1000;
  if (seconds < 59.95) return `${sign}${trimFixed(seconds, seconds < 9.995 ? 2 : 1)} s`;
  return `${sign}${formatClock(Math.round(seconds))}`;
}

function formatClock(totalSeconds: number): string {
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return minutes > 0 ? `${hours}h ${minutes}m` : `${hours}h`;
  return seconds > 0 ? `${minutes}m ${seconds}s` : `${minutes}m`;
}

/** Elapsed time given in seconds, for time axes: 0 -> "0 s", 45 -> "45 s", 90 -> "1m 30s". */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return DASH;
  const abs = Math.abs(seconds);
  const sign = seconds < 0 ? '-' : '';
  if (abs < 59.95) return `${sign}${trimFixed(abs, abs < 10 ? 2 : 1)} s`;
  return `${sign}${formatClock(Math.round(abs))}`;
}

/** A size in bytes with binary units: 512 -> "512 B", 1.5 * 2 ** 30 -> "1.5 GiB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return DASH;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1023.95 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const sign = bytes < 0 ? '-' : '';
  return `${sign}${trimFixed(value, unit === 0 ? 0 : value >= 100 ? 0 : 1)} ${units[unit] ?? 'B'}`;
}

/** A percentage given on the 0-100 scale: 42 -> "42%", 4.25 -> "4.3%", 0.123 -> "0.12%". */
export function formatPercent(percent: number): string {
  if (!Number.isFinite(percent)) return DASH;
  const abs = Math.abs(percent);
  return `${trimFixed(percent, abs >= 100 ? 0 : abs >= 1 ? 1 : 2)}%`;
}

/** A token rate: 45.25 -> "45.3 tok/s", 1500 -> "1.5k tok/s". */
export function formatTokensPerSecond(rate: number): string {
  if (!Number.isFinite(rate)) return DASH;
  return `${formatCompact(rate)} tok/s`;
}
