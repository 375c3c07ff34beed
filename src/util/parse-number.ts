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
