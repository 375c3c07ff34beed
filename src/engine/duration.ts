// k6 durations (lib/types ParseExtendedDuration): Go duration strings, a "d" day prefix, or bare numbers = ms.
// The execution config works in exact nanoseconds as k6 does; the rest of the engine in milliseconds.

const UNIT_NS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3, // U+00B5 micro sign
  μs: 1e3, // U+03BC Greek mu
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

const DAY_NS = 24 * 3600e9;
const FLOAT_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INT_RE = /^[+-]?\d+$/;

/** Parses a Go `time.ParseDuration` string ("1m30s", "1.5h", "-2ms") into nanoseconds, or undefined if invalid. */
export function parseGoDuration(text: string): number | undefined {
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return undefined;
  let total = 0;
  while (rest !== '') {
    const match = /^(\d*)(?:\.(\d*))?([^\d.]+)/.exec(rest);
    if (!match) return undefined;
    const [whole, int = '', frac, unit = ''] = match;
    if (int === '' && (frac === undefined || frac === '')) return undefined;
    const scale = UNIT_NS[unit];
    if (scale === undefined) return undefined;
    total += Number(int || '0') * scale + (frac ? Number(`0.${frac}`) * scale : 0);
    rest = rest.slice(whole.length);
  }
  return sign * Math.trunc(total);
}

/** Parses k6's extended duration (`lib/types ParseExtendedDuration`): bare numbers are ms, "2d3h" allows days. */
export function parseExtendedDuration(text: string): number | undefined {
  if (FLOAT_RE.test(text)) return Math.trunc(Number(text) * 1e6);
  const dPos = text.indexOf('d');
  if (dPos < 0) return parseGoDuration(text);
  const daysText = text.slice(0, dPos);
  if (!INT_RE.test(daysText)) return undefined;
  let hours = 0;
  if (dPos + 1 < text.length) {
    const parsed = parseGoDuration(text.slice(dPos + 1));
    if (parsed === undefined || parsed < 0) return undefined;
    hours = parsed;
  }
  const days = Number(daysText);
  return days * DAY_NS + (days < 0 ? -hours : hours);
}

/** Reads a JSON-ish duration value as k6's `types.NullDuration` does: number = ms, string = extended duration. */
export function readDurationNs(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value * 1e6) : undefined;
  if (typeof value === 'string') return parseExtendedDuration(value);
  return undefined;
}

/** Converts nanoseconds to the milliseconds the runtime works in. */
export function nsToMs(ns: number): number {
  return ns / 1e6;
}

/** Converts milliseconds that came from whole nanoseconds back to exact nanoseconds. */
export function msToNs(ms: number): number {
  return Math.round(ms * 1e6);
}

/** Formats nanoseconds the way Go's `time.Duration.String()` does ("1m30s", "500ms", "0s"). */
export function formatGoDurationNs(ns: number): string {
  if (ns === 0) return '0s';
  const sign = ns < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(ns));
  if (abs < 1e3) return `${sign}${abs}ns`;
  if (abs < 1e6) return `${sign}${formatFraction(abs, 1e3)}µs`;
  if (abs < 1e9) return `${sign}${formatFraction(abs, 1e6)}ms`;
  const hours = Math.floor(abs / 3600e9);
  const minutes = Math.floor((abs % 3600e9) / 60e9);
  const seconds = formatFraction(abs % 60e9, 1e9);
  if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}

function formatFraction(value: number, unit: number): string {
  const whole = Math.floor(value / unit);
  const rest = value % unit;
  if (rest === 0) return String(whole);
  const digits = String(unit).length - 1;
  return `${whole}.${String(rest).padStart(digits, '0').replace(/0+$/, '')}`;
}

/** Parses a k6 duration ("1m30s", "500ms", "2d3h", "1500" or a number of ms) into milliseconds. */
export function parseDuration(value: string | number): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`invalid duration ${value}: expected a finite number of ms`);
    return value;
  }
  const text = value.trim();
  const ns = parseExtendedDuration(text);
  if (ns === undefined) {
    throw new Error(`invalid duration "${text}": use a number of ms or units like "1h2m3s", "500ms", "2d3h"`);
  }
  return FLOAT_RE.test(text) ? Number(text) : ns / 1e6;
}

/** Formats milliseconds as Go's time.Duration.String() does ("1m30s", "1.5s", "500ms", "0s"). */
export function formatGoDuration(ms: number): string {
  return formatGoDurationNs(Math.round(ms * 1e6));
}
