// Value formatting of k6's legacy text summary (internal/js/summary-legacy.js).
import type { SummaryMetric } from './summary-data.ts';

const TIME_UNITS: Readonly<Record<string, { unit: string; coef: number }>> = {
  s: { unit: 's', coef: 0.001 },
  ms: { unit: 'ms', coef: 1 },
  us: { unit: 'µs', coef: 1000 },
};

const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];

/** Formats a metric value as k6's summary does: rates as %, data as bytes, time as µs/ms/s/m/h. */
export function humanizeValue(
  value: number,
  metric: Pick<SummaryMetric, 'type' | 'contains'>,
  timeUnit = '',
): string {
  // k6 truncates rates to 2 decimals instead of rounding.
  if (metric.type === 'rate') return `${(Math.trunc(value * 100 * 100) / 100).toFixed(2)}%`;
  switch (metric.contains) {
    case 'data':
      return humanizeBytes(value);
    case 'time':
      return humanizeDuration(value, timeUnit);
    default:
      return toFixedNoTrailingZeros(value, 6);
  }
}

/** Bytes with SI units: "9 B", "1.2 kB", "35 MB". */
export function humanizeBytes(bytes: number): string {
  if (bytes < 10) return `${bytes} B`;
  const exponent = Math.floor(Math.log(bytes) / Math.log(1000));
  const scaled = Math.floor((bytes / Math.pow(1000, exponent)) * 10 + 0.5) / 10;
  return `${scaled.toFixed(scaled < 10 ? 1 : 0)} ${BYTE_UNITS[exponent | 0] ?? ''}`;
}

/** Milliseconds in a fixed unit ("s", "ms", "us") when given, else the adaptive form. */
export function humanizeDuration(ms: number, timeUnit = ''): string {
  const fixed = timeUnit === '' ? undefined : TIME_UNITS[timeUnit];
  if (fixed !== undefined) return `${(ms * fixed.coef).toFixed(2)}${fixed.unit}`;
  return humanizeGenericDuration(ms);
}

/** Milliseconds as "0s", "850ns", "12.34µs", "1.5ms", "2.34s", "1m30s", "1h2m3s" (values truncated). */
export function humanizeGenericDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 0.001) return `${Math.trunc(ms * 1e6)}ns`;
  if (ms < 1) return `${toFixedNoTrailingZerosTrunc(ms * 1000, 2)}µs`;
  if (ms < 1000) return `${toFixedNoTrailingZerosTrunc(ms, 2)}ms`;
  let result = `${toFixedNoTrailingZerosTrunc((ms % 60000) / 1000, ms > 60000 ? 0 : 2)}s`;
  let rest = Math.trunc(ms / 60000);
  if (rest < 1) return result;
  result = `${rest % 60}m${result}`;
  rest = Math.trunc(rest / 60);
  if (rest < 1) return result;
  return `${rest}h${result}`;
}

function toFixedNoTrailingZeros(value: number, precision: number): string {
  return String(parseFloat(value.toFixed(precision)));
}

function toFixedNoTrailingZerosTrunc(value: number, precision: number): string {
  const scale = Math.pow(10, precision);
  return toFixedNoTrailingZeros(Math.trunc(scale * value) / scale, precision);
}
