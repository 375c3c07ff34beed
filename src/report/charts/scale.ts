// Linear scales and "nice" 1-2-5 ticks for the SVG charts.

/** A mapping from a data domain onto a pixel range, with the tick values to label. */
export interface LinearScale {
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
  readonly ticks: readonly number[];
  map(value: number): number;
}

/** Options for createLinearScale. */
export interface LinearScaleOptions {
  min: number;
  max: number;
  range: [number, number];
  /** About how many intervals to label (default 5). */
  tickCount?: number;
  /** Widen the domain out to the nearest ticks (default true); otherwise ticks fall inside it. */
  nice?: boolean;
  /** A share of the span added on both sides before the ticks are picked (default 0). */
  padding?: number;
}

/** Picks a step of 1, 2 or 5 times a power of ten so that `span` holds about `count` steps. */
export function pickNiceStep(span: number, count: number): number {
  if (!Number.isFinite(span) || span <= 0) return 1;
  const raw = span / Math.max(1, Math.round(count));
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / magnitude;
  const eps = 1e-9;
  const nice = norm <= 1 + eps ? 1 : norm <= 2 + eps ? 2 : norm <= 5 + eps ? 5 : 10;
  return Number((nice * magnitude).toPrecision(12));
}

function decimalsOf(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step)) + 1);
}

function snap(value: number, step: number): number {
  const snapped = Number(value.toFixed(decimalsOf(step)));
  return snapped === 0 ? 0 : snapped;
}

/** Widens an empty or inverted span so that a scale over it can be drawn. */
export function widenDomain(min: number, max: number): [number, number] {
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);
  if (lo < hi) return [lo, hi];
  if (lo === 0) return [0, 1];
  const pad = Math.abs(lo) * 0.1;
  return [lo - pad, hi + pad];
}

/** The multiples of a 1-2-5 step that lie within [min, max]. */
export function computeNiceTicks(min: number, max: number, count = 5): number[] {
  const [lo, hi] = widenDomain(min, max);
  const step = pickNiceStep(hi - lo, count);
  return ticksWithStep(lo, hi, step);
}

function ticksWithStep(lo: number, hi: number, step: number): number[] {
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) ticks.push(snap(k * step, step));
  return ticks;
}

/** Widens [min, max] out to the nearest multiples of a 1-2-5 step, returning the domain and its ticks. */
export function computeNiceDomain(
  min: number,
  max: number,
  count = 5,
): { domain: [number, number]; ticks: number[] } {
  const [lo, hi] = widenDomain(min, max);
  const step = pickNiceStep(hi - lo, count);
  const start = snap(Math.floor(lo / step + 1e-9) * step, step);
  const end = snap(Math.ceil(hi / step - 1e-9) * step, step);
  return { domain: [start, end], ticks: ticksWithStep(start, end, step) };
}

/** Builds a linear scale from data bounds to a pixel range, widened to nice ticks unless told not to. */
export function createLinearScale(options: LinearScaleOptions): LinearScale {
  let [lo, hi] = widenDomain(options.min, options.max);
  const padding = options.padding ?? 0;
  if (padding > 0) {
    const pad = (hi - lo) * padding;
    lo -= pad;
    hi += pad;
  }
  const count = options.tickCount ?? 5;
  let domain: [number, number];
  let ticks: number[];
  if (options.nice ?? true) {
    ({ domain, ticks } = computeNiceDomain(lo, hi, count));
  } else {
    domain = [lo, hi];
    ticks = computeNiceTicks(lo, hi, count);
  }
  const range = options.range;
  const [d0, d1] = domain;
  const [r0, r1] = range;
  return {
    domain,
    range,
    ticks,
    map: (value) => r0 + ((value - d0) / (d1 - d0)) * (r1 - r0),
  };
}

/** Ticks for a log10 axis: 1-2-5 per decade within [min, max], thinner when crowded, linear when narrow. */
export function computeLogTicks(min: number, max: number, maxCount = 10): number[] {
  if (!(min > 0) || !(max > 0)) return [];
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);
  const first = Math.floor(Math.log10(lo));
  const last = Math.ceil(Math.log10(hi));
  const within = (v: number) => v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9);
  const withMantissas = (mantissas: number[], everyDecade = 1): number[] => {
    const ticks: number[] = [];
    for (let e = first; e <= last; e += everyDecade) {
      for (const m of mantissas) {
        const v = Number((m * 10 ** e).toPrecision(12));
        if (within(v)) ticks.push(v);
      }
    }
    return ticks;
  };
  const dense = withMantissas([1, 2, 5]);
  if (dense.length < 3) return computeNiceTicks(lo, hi, 4).filter((v) => v > 0);
  if (dense.length <= maxCount) return dense;
  const sparse = withMantissas([1, 3]);
  if (sparse.length <= maxCount) return sparse;
  const decades = last - first + 1;
  return withMantissas([1], Math.max(1, Math.ceil(decades / maxCount)));
}
