// Seeded pseudo-random numbers: the same seed gives the same sequence on every run and platform.
import { mulberry32 } from '../util/mulberry32.ts';

/** A generator of floats in [0, 1). */
export type Random = () => number;

/** mulberry32: tiny, fast and well spread, which is all jitter and fake text need. */
export function createRandom(seed: number): Random {
  const next = mulberry32(seed);
  return () => next() / 4294967296;
}

/** FNV-1a over UTF-16 code units: a stable 32-bit key for a prompt. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Combines several 32-bit values into one seed (murmur3's finaliser after each step). */
export function mixSeeds(...parts: readonly number[]): number {
  let hash = 0x9e3779b9;
  for (const part of parts) {
    hash = Math.imul(hash ^ (part >>> 0), 0xcc9e2d51);
    hash ^= hash >>> 15;
    hash = Math.imul(hash, 0x85ebca6b);
    hash ^= hash >>> 13;
  }
  return hash >>> 0;
}

/** An integer in [min, max], both included. */
export function drawInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** A multiplier in [1 - spread, 1 + spread]. */
export function drawJitter(random: Random, spread: number): number {
  return spread === 0 ? 1 : 1 + spread * (2 * random() - 1);
}
