import { UserError } from './errors.ts';

/** Parses a command-line integer within bounds, or fails naming the option, the value and what was expected. */
export function parseIntOption(
  option: string,
  value: string,
  min = 1,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UserError(`${option}: expected an integer from ${min} to ${max}, got '${value}'`);
  }
  return n;
}

/** Commander's argParser form of parseIntOption. */
export function intOption(option: string, min = 1, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => parseIntOption(option, value, min, max);
}

/** A share from 0 to 1, written as 0.25 or 25%; `fallback` when unset. */
export function parseShare(option: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const text = value.trim();
  const n = text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
  if (text === '' || text === '%' || !Number.isFinite(n) || n < 0 || n > 1)
    throw new UserError(`${option}: expected a share from 0 to 1 (or 0% to 100%), got '${value}'`);
  return n;
}
