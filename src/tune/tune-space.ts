// The configurations a tuner searches: every combination of the factors' levels, each placed on coordinates
// in [0, 1] (a factor's level index over its count), so neighbouring levels are near in the model.
import type { FactorValue } from '../campaign/types.ts';
import type { TuneCandidate } from './types.ts';

export interface TuneFactor {
  name: string;
  values: readonly FactorValue[];
}

/** Candidates for the configurations given by their factor values (a plan's server cells, in its order). */
export function placeCandidates(
  factors: readonly TuneFactor[],
  configurations: readonly { index: number; factors: Record<string, FactorValue> }[],
): TuneCandidate[] {
  return configurations.map((config) => ({
    index: config.index,
    factors: config.factors,
    x: factors.map((factor) => {
      const at = factor.values.findIndex((v) => v === config.factors[factor.name]);
      return factor.values.length <= 1 ? 0.5 : Math.max(0, at) / (factor.values.length - 1);
    }),
    // Factors with one level are the same everywhere: the label names only what varies.
    label:
      factors
        .filter((f) => f.values.length > 1)
        .map((f) => `${f.name}=${String(config.factors[f.name])}`)
        .join(' ') || 'the base preset',
  }));
}

/** Every combination of the factors' levels, first factor outermost (as a sweep plans its server cells). */
export function gridCandidates(factors: readonly TuneFactor[]): TuneCandidate[] {
  let combos: Record<string, FactorValue>[] = [{}];
  for (const factor of factors)
    combos = combos.flatMap((combo) => factor.values.map((value) => ({ ...combo, [factor.name]: value })));
  return placeCandidates(
    factors,
    combos.map((factorsOf, index) => ({ index, factors: factorsOf })),
  );
}

/**
 * `count` candidates spread over the space (greedy maximin: each next one farthest from those chosen), the
 * first the one nearest the centre; ties go to the lower index, so the choice is the same every time.
 */
export function spreadCandidates(candidates: readonly TuneCandidate[], count: number): TuneCandidate[] {
  if (count >= candidates.length) return [...candidates];
  const distance = (a: TuneCandidate, b: readonly number[]): number =>
    a.x.reduce((sum, v, i) => sum + (v - (b[i] ?? 0)) ** 2, 0);
  const centre = candidates[0]?.x.map(() => 0.5) ?? [];
  const chosen: TuneCandidate[] = [];
  const nearest = new Map<number, number>();
  let next = [...candidates].sort((a, b) => distance(a, centre) - distance(b, centre))[0];
  while (next && chosen.length < count) {
    const picked: TuneCandidate = next;
    chosen.push(picked);
    next = undefined;
    let far = -1;
    for (const c of candidates) {
      if (chosen.includes(c)) continue;
      const d = Math.min(nearest.get(c.index) ?? Infinity, distance(c, picked.x));
      nearest.set(c.index, d);
      if (d > far) {
        far = d;
        next = c;
      }
    }
  }
  return chosen;
}

/**
 * The candidates one level away from `of` on one axis, the others equal: on each axis the nearest present
 * below and above (a configuration the plan skipped leaves a gap that the next level fills).
 */
export function gridNeighbours(candidates: readonly TuneCandidate[], of: TuneCandidate): TuneCandidate[] {
  const neighbours: TuneCandidate[] = [];
  for (let axis = 0; axis < of.x.length; axis += 1) {
    const here = of.x[axis] ?? 0;
    const line = candidates.filter(
      (c) => c !== of && c.x.every((v, i) => i === axis || v === of.x[i]) && c.x[axis] !== here,
    );
    const nearest = (side: TuneCandidate[]): TuneCandidate | undefined =>
      side.sort((a, b) => Math.abs((a.x[axis] ?? 0) - here) - Math.abs((b.x[axis] ?? 0) - here))[0];
    for (const side of [
      line.filter((c) => (c.x[axis] ?? 0) < here),
      line.filter((c) => (c.x[axis] ?? 0) > here),
    ]) {
      const found = nearest(side);
      if (found) neighbours.push(found);
    }
  }
  return neighbours;
}
