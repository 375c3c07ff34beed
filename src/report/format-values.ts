// Formatters for the report's tables and sentences (the charts' own axis formatters are in charts/format.ts).
import { formatNumber, formatPercent } from './charts/format.ts';

const DASH = '–';

/** A request rate: 2.1 -> "2.1 req/s". */
export function formatRequestsPerSecond(rate: number | undefined): string {
  return rate === undefined || !Number.isFinite(rate) ? DASH : `${formatNumber(rate)} req/s`;
}

/** A share on the 0-1 scale as a percentage: 0.0125 -> "1.3%"; undefined -> "–". */
export function formatShare(share: number | undefined): string {
  return share === undefined || !Number.isFinite(share) ? DASH : formatPercent(share * 100);
}

/** A whole count with thousands separators: 12345 -> "12,345". */
export function formatCount(count: number | undefined): string {
  return count === undefined || !Number.isFinite(count) ? DASH : count.toLocaleString('en-US');
}

/** An ISO time as "2026-08-21 07:00:00 UTC" (the report reads the same wherever it is opened). */
export function formatTimestamp(iso: string | undefined): string {
  if (iso === undefined) return DASH;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Applies a formatter to a value that may be absent. */
export function formatOptional(value: number | undefined, format: (value: number) => string): string {
  return value === undefined || !Number.isFinite(value) ? DASH : format(value);
}

/** A count and its noun: (1, 'line') -> "1 line", (3, 'line') -> "3 lines". */
export function formatQuantity(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}
