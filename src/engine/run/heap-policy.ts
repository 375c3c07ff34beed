// The engine's garbage-collection policy for long runs. V8 sizes the old generation after each full collection
// by a factor it adapts to how little time the program spends in GC: under a load test that factor drifts up to
// about 5, so the heap the process holds swings between about 2 and 5 times the live objects, and its RSS
// wanders by tens of MB over minutes with nothing leaking (docs/benchmarks.md, the soak row). A fixed factor
// of 1.5 keeps the process's memory a steady multiple of what it uses, as k6's Go runtime does with GOGC, at
// the price of more frequent full collections (incremental, a few ms each every ~10 s at 64 streaming VUs).
import { setFlagsFromString } from 'node:v8';

/** Old-generation growth after a full collection, in percent of the live size. */
export const HEAP_GROWING_PERCENT = 50;

let applied = false;

/**
 * Fixes V8's heap growing factor for this process, once, before the first VU runs. INFERLOAD_HEAP_POLICY=off
 * leaves V8's own (for comparisons).
 */
export function applyHeapPolicy(): void {
  if (applied || process.env['INFERLOAD_HEAP_POLICY'] === 'off') return;
  applied = true;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
