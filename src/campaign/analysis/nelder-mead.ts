// A small Nelder-Mead simplex minimiser for the scaling fits (two or three parameters, smooth objectives): no
// well-kept npm package does bounded least squares this small, and the fits need nothing more.

/** Where the search ended: the best point, its value, and the iterations it took. */
export interface Minimum {
  point: number[];
  value: number;
  iterations: number;
}

/** How far the first simplex reaches from the start, and when to stop. */
export interface NelderMeadOptions {
  /** Per coordinate, the first simplex's step (default: 10% of the value, or 0.01 at 0). */
  steps?: readonly number[];
  maxIterations?: number;
  /** Stops when the simplex's values differ by less than this share of the best value (relative). */
  tolerance?: number;
}

const REFLECT = 1;
const EXPAND = 2;
const CONTRACT = 0.5;
const SHRINK = 0.5;

function combine(a: readonly number[], b: readonly number[], t: number): number[] {
  // a + t (b - a)
  return a.map((value, i) => value + t * ((b[i] ?? 0) - value));
}

/** Minimises `f` from `start` with the standard Nelder-Mead moves (reflect, expand, contract, shrink). */
export function minimizeNelderMead(
  f: (point: readonly number[]) => number,
  start: readonly number[],
  options: NelderMeadOptions = {},
): Minimum {
  const maxIterations = options.maxIterations ?? 400;
  const tolerance = options.tolerance ?? 1e-10;
  const simplex = [
    start.slice(),
    ...start.map((value, i) => {
      const point = start.slice();
      point[i] = value + (options.steps?.[i] ?? (value === 0 ? 0.01 : value * 0.1));
      return point;
    }),
  ].map((point) => ({ point, value: f(point) }));
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    simplex.sort((a, b) => a.value - b.value);
    const best = simplex[0];
    const worst = simplex[simplex.length - 1];
    const second = simplex[simplex.length - 2];
    if (!best || !worst || !second) break;
    if (Math.abs(worst.value - best.value) <= tolerance * Math.abs(best.value) + 1e-300) break;
    const others = simplex.slice(0, -1);
    const centroid = start.map(
      (_, i) => others.reduce((sum, v) => sum + (v.point[i] ?? 0), 0) / others.length,
    );
    const reflected = combine(centroid, worst.point, -REFLECT);
    const reflectedValue = f(reflected);
    if (reflectedValue < best.value) {
      const expanded = combine(centroid, worst.point, -EXPAND);
      const expandedValue = f(expanded);
      Object.assign(
        worst,
        expandedValue < reflectedValue
          ? { point: expanded, value: expandedValue }
          : { point: reflected, value: reflectedValue },
      );
    } else if (reflectedValue < second.value) {
      Object.assign(worst, { point: reflected, value: reflectedValue });
    } else {
      const towards = reflectedValue < worst.value ? reflected : worst.point;
      const contracted = combine(centroid, towards, CONTRACT);
      const contractedValue = f(contracted);
      if (contractedValue < Math.min(reflectedValue, worst.value)) {
        Object.assign(worst, { point: contracted, value: contractedValue });
      } else {
        for (const vertex of simplex.slice(1)) {
          vertex.point = combine(best.point, vertex.point, SHRINK);
          vertex.value = f(vertex.point);
        }
      }
    }
  }
  simplex.sort((a, b) => a.value - b.value);
  const best = simplex[0] ?? { point: start.slice(), value: f(start) };
  return { point: best.point, value: best.value, iterations };
}
