// k6 durations (lib/types ParseExtendedDuration): Go duration strings, a "d" day prefix, or bare numbers = ms.

const NS_PER_UNIT: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  µs: 1e3, // U+00B5 micro sign
  μs: 1e3, // U+03BC greek mu; Go accepts both
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const GO_DURATION = /^[+-]?((\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/;
const GO_DURATION_PART = /(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g;

/** Parses a k6 duration ("1m30s", "500ms", "2d3h", "1500" or a number of ms) into milliseconds. */
export function parseDuration(value: string | number): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`invalid duration ${value}: expected a finite number of ms`);
    return value;
  }
  const text = value.trim();
  if (DECIMAL.test(text)) return Number(text);
  const dayPos = text.indexOf('d');
  if (dayPos < 0) return parseGoDuration(text) / 1e6;
  return parseDayDuration(text, dayPos);
}

// "2d3h": integer days, then an optional non-negative Go duration for the rest.
function parseDayDuration(text: string, dayPos: number): number {
  const dayText = text.slice(0, dayPos);
  if (!/^[+-]?\d+$/.test(dayText)) throw invalid(text, 'the day count must be a whole number');
  const days = Number(dayText);
  let restNs = 0;
  if (dayPos + 1 < text.length) {
    const rest = text.slice(dayPos + 1);
    restNs = parseGoDuration(rest);
    if (restNs < 0) throw invalid(text, `the part after the days ('${rest}') must not be negative`);
  }
  if (days < 0) restNs = -restNs;
  return (days * 24 * 3600e9 + restNs) / 1e6;
}

// Go time.ParseDuration, returning integer nanoseconds.
function parseGoDuration(text: string): number {
  if (text === '0' || text === '+0' || text === '-0') return 0;
  if (!GO_DURATION.test(text))
    throw invalid(text, 'use a number of ms or units like "1h2m3s", "500ms", "2d3h"');
  let total = 0;
  for (const match of text.matchAll(GO_DURATION_PART)) {
    total += Math.round(Number(match[1]) * (NS_PER_UNIT[match[2] ?? ''] ?? 0));
  }
  return text.startsWith('-') ? -total : total;
}

function invalid(text: string, hint: string): Error {
  return new Error(`invalid duration "${text}": ${hint}`);
}

/** Formats milliseconds as Go's time.Duration.String() does ("1m30s", "1.5s", "500ms", "0s"). */
export function formatGoDuration(ms: number): string {
  let ns = Math.round(ms * 1e6);
  if (ns === 0) return '0s';
  const sign = ns < 0 ? '-' : '';
  ns = Math.abs(ns);
  if (ns < 1e3) return `${sign}${ns}ns`;
  if (ns < 1e6) return `${sign}${withFraction(ns, 1e3, 3)}µs`;
  if (ns < 1e9) return `${sign}${withFraction(ns, 1e6, 6)}ms`;
  const totalSeconds = Math.floor(ns / 1e9);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  let out = `${withFraction(ns - (totalSeconds - (totalSeconds % 60)) * 1e9, 1e9, 9)}s`;
  if (hours > 0 || minutes > 0) out = `${minutes}m${out}`;
  if (hours > 0) out = `${hours}h${out}`;
  return sign + out;
}

// "1.5" from 1500 with unit 1000: whole part, then the fraction with trailing zeros trimmed.
function withFraction(value: number, unit: number, digits: number): string {
  const whole = Math.floor(value / unit);
  const fraction = value - whole * unit;
  if (fraction === 0) return String(whole);
  return `${whole}.${String(fraction).padStart(digits, '0').replace(/0+$/, '')}`;
}
