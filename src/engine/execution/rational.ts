// Exact rational numbers (BigInt) for execution segments, parsed and printed as Go's math/big.Rat does in k6.

/** A reduced fraction n/d with d > 0. */
export interface Rational {
  readonly n: bigint;
  readonly d: bigint;
}

export const ZERO: Rational = { n: 0n, d: 1n };
export const ONE: Rational = { n: 1n, d: 1n };

/** Builds n/d reduced to lowest terms with a positive denominator; d must not be 0. */
export function makeRational(n: bigint, d: bigint): Rational {
  if (d === 0n) throw new RangeError('a rational number cannot have a zero denominator');
  const sign = d < 0n ? -1n : 1n;
  const divisor = gcdBig(n < 0n ? -n : n, d < 0n ? -d : d) || 1n;
  return { n: (sign * n) / divisor, d: (sign * d) / divisor };
}

/** Parses "1/3", "0.25", "2e-1" (big.Rat SetString) or "25%" (an integer percentage); undefined if invalid. */
export function parseRational(text: string): Rational | undefined {
  if (text.endsWith('%')) {
    const percent = text.slice(0, -1);
    return /^[+-]?\d+$/.test(percent) ? makeRational(BigInt(percent), 100n) : undefined;
  }
  const fraction = /^([+-]?\d+)\/(\d+)$/.exec(text);
  if (fraction) {
    const d = BigInt(fraction[2] as string);
    return d === 0n ? undefined : makeRational(BigInt(fraction[1] as string), d);
  }
  const decimal = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!decimal) return undefined;
  const [, sign = '', whole = '', fractional = '', exponentText] = decimal;
  if (whole === '' && fractional === '') return undefined;
  const exponent = (exponentText === undefined ? 0 : Number(exponentText)) - fractional.length;
  if (Math.abs(exponent) > 1000) return undefined; // far outside any segment, and too costly to expand
  const digits = BigInt(`${sign}${whole}${fractional}`);
  return exponent >= 0
    ? makeRational(digits * 10n ** BigInt(exponent), 1n)
    : makeRational(digits, 10n ** BigInt(-exponent));
}

/** -1, 0 or 1 as a is below, equal to or above b. */
export function compareRational(a: Rational, b: Rational): number {
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** a - b. */
export function subtractRational(a: Rational, b: Rational): Rational {
  return makeRational(a.n * b.d - b.n * a.d, a.d * b.d);
}

/** a + b. */
export function addRational(a: Rational, b: Rational): Rational {
  return makeRational(a.n * b.d + b.n * a.d, a.d * b.d);
}

/** "1/3", or "1" for whole numbers (big.Rat RatString). */
export function formatRational(r: Rational): string {
  return r.d === 1n ? `${r.n}` : `${r.n}/${r.d}`;
}

/** The value with 2 decimals, rounded half away from zero (big.Rat FloatString(2)), as k6's errors print it. */
export function formatRationalFixed2(r: Rational): string {
  const negative = r.n < 0n;
  const abs = negative ? -r.n : r.n;
  const scaled = (abs * 100n * 2n + r.d) / (2n * r.d);
  const digits = scaled.toString().padStart(3, '0');
  return `${negative && scaled !== 0n ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

function gcdBig(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
