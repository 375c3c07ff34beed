// Splits a run over N generators the way k6 splits it over instances: one execution segment sequence of N equal
// parts (0,1/N,...,1), and each generator's own segment of it, so every executor's VUs, iterations and rates are
// striped by k6's algorithm (src/engine/execution/execution-tuple.ts) and the parts add up to the whole.
import type { LoadGeneratorConfig } from '../config/types.ts';

export interface PartPlan {
  /** The part's name in the run folder: the generator's, numbered when one generator runs several parts. */
  name: string;
  generator: LoadGeneratorConfig;
  /** --execution-segment, e.g. 1/3:2/3. */
  segment: string;
  /** --execution-segment-sequence, the same for every part, e.g. 0,1/3,2/3,1. */
  sequence: string;
}

function point(i: number, n: number): string {
  if (i === 0) return '0';
  if (i === n) return '1';
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const d = gcd(i, n);
  return `${i / d}/${n / d}`;
}

/** One part per generator, in the order given (a name may repeat: `local` twice runs two parts there). */
export function planParts(generators: readonly LoadGeneratorConfig[]): PartPlan[] {
  const n = generators.length;
  const sequence = Array.from({ length: n + 1 }, (_, i) => point(i, n)).join(',');
  const seen = new Map<string, number>();
  return generators.map((generator, i) => {
    const count = (seen.get(generator.name) ?? 0) + 1;
    seen.set(generator.name, count);
    const repeated = generators.filter((g) => g.name === generator.name).length > 1;
    return {
      name: repeated ? `${generator.name}-${count}` : generator.name,
      generator,
      segment: `${point(i, n)}:${point(i + 1, n)}`,
      sequence,
    };
  });
}
