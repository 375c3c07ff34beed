// A small seeded PRNG (mulberry32) with normal samples (Box–Muller): deterministic on every platform.

import { mulberry32 } from '../util/mulberry32.ts';

/** A deterministic source of random numbers. */
export interface Random {
  /** Uniform unsigned 32-bit integer. */
  nextUint32(): number;
  /** Uniform in [0, 1). */
  nextFloat(): number;
  /** Uniform integer in [0, bound). */
  nextInt(bound: number): number;
  /** Standard normal sample (mean 0, standard deviation 1). */
  nextNormal(): number;
}

/** Creates a mulberry32 generator; equal seeds give equal sequences. */
export function createRandom(seed: number): Random {
  let spareNormal: number | undefined;
  const nextUint32 = mulberry32(seed);
  const nextFloat = (): number => nextUint32() / 4294967296;

  return {
    nextUint32,
    nextFloat,
    nextInt: (bound) => Math.floor(nextFloat() * bound),
    nextNormal: () => {
      if (spareNormal !== undefined) {
        const value = spareNormal;
        spareNormal = undefined;
        return value;
      }
      // 1 - u keeps the log argument in (0, 1], so it never sees zero.
      const radius = Math.sqrt(-2 * Math.log(1 - nextFloat()));
      const angle = 2 * Math.PI * nextFloat();
      spareNormal = radius * Math.sin(angle);
      return radius * Math.cos(angle);
    },
  };
}

/** Derives an independent 32-bit seed from a seed and a label (FNV-1a over the label, then mixed). */
export function deriveSeed(seed: number, label: string): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < label.length; i++) {
    hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193);
  }
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}
