// The one seeded generator of the toolkit (the simulator, the tiny model, the series reservoir): mulberry32, tiny,
// fast and well spread; the same seed gives the same sequence on every run and platform.

/** A generator of unsigned 32-bit integers from `seed`. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}
