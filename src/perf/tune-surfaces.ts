// Response surfaces for the tuner's benchmark: goodput of every configuration of instances x parallel slots x
// threads under a closed-loop load, measured on the simulator's own scheduler in virtual time (sim-cell.ts):
// slots, prefill, decode contention per busy slot, jitter, answer lengths; threads and instances enter through
// its speed factor (the Amdahl factor across threads, oversubscription when busy instances want more cores
// than the host has, bandwidth shared between instances). 120 configurations x several shapes take seconds
// rather than hours. A measured cell adds the box's noise floor. Shapes: smooth, a narrow optimum, more
// instances degrading, a plateau, and a noisy box.
import { computeAmdahlFactor, computeOversubscription } from '../sim/parallel-model.ts';
import { mulberry32 } from '../util/mulberry32.ts';
import { runSimCell, type SimCell } from './sim-cell.ts';
import type { FactorValue } from '../campaign/types.ts';
import type { TuneFactor } from '../tune/tune-space.ts';

export interface SurfaceShape {
  name: string;
  /** Host cores the instances share. */
  cores: number;
  /** Decode step of one sequence on one thread, ms. */
  decodeMs: number;
  /** Amdahl's sequential fraction of a step across threads. */
  sequentialFraction: number;
  /** Extra step time per extra busy sequence. */
  contention: number;
  /** Extra step time per extra instance (memory bandwidth shared by the instances). */
  instancePenalty: number;
  /** Prompt tokens/s of one thread. */
  prefillRate: number;
  /** Spread of request latencies around the model's (lognormal sigma): small = a sharp SLO edge. */
  spread: number;
  /** Relative noise of a 60-s cell from the box itself. */
  noiseFloor: number;
  users: number;
  promptTokens: number;
  outputTokens: number;
  /** The SLO: TTFT and TPOT limits, ms. */
  ttftMs: number;
  tpotMs: number;
}

export const SURFACE_FACTORS: readonly TuneFactor[] = [
  { name: 'instances', values: [1, 2, 4, 8] },
  { name: 'parallel_slots', values: [1, 2, 4, 8, 16, 32] },
  { name: 'threads_gen', values: [1, 2, 4, 8, 16] },
];

const BASE: SurfaceShape = {
  name: 'smooth',
  cores: 16,
  decodeMs: 40,
  sequentialFraction: 0.15,
  contention: 0.08,
  instancePenalty: 0.05,
  prefillRate: 400,
  spread: 0.3,
  noiseFloor: 0.03,
  users: 48,
  promptTokens: 256,
  outputTokens: 128,
  ttftMs: 10_000,
  tpotMs: 80,
};

/** The shapes, each varied by `seed` (cores, step time, SLO) so that one shape is several surfaces. */
export function surfaceShapes(seed: number): SurfaceShape[] {
  const random = mulberry32(seed * 7919 + 17);
  const jitter = (v: number, share: number): number => v * (1 + share * ((random() / 2 ** 32) * 2 - 1));
  const cores = [8, 16, 32][seed % 3] as number;
  const base = { ...BASE, cores, decodeMs: jitter(BASE.decodeMs, 0.2) };
  return [
    { ...base, name: 'smooth' },
    // A sharp SLO edge on contention: one slot count too many and TPOT fails for nearly every request.
    {
      ...base,
      name: 'narrow optimum',
      contention: 0.3,
      spread: 0.04,
      tpotMs: jitter(base.decodeMs * 1.2 * (16 / cores), 0.1),
    },
    { ...base, name: 'instances degrade', instancePenalty: 0.7 },
    { ...base, name: 'plateau', contention: 0.01, tpotMs: 400, ttftMs: 30_000, spread: 0.5 },
    { ...base, name: 'noisy box', noiseFloor: 0.08 },
  ];
}

/** The simulator cell a configuration of the surface runs: its scheduler settings and speed factor. */
export function surfaceCell(
  shape: SurfaceShape,
  factors: Record<string, FactorValue>,
  seconds: number,
  seed: number,
): SimCell {
  const instances = Number(factors['instances'] ?? 1);
  const threads = Number(factors['threads_gen'] ?? 1);
  return {
    instances,
    usersPerInstance: Math.max(1, Math.round(shape.users / instances)),
    slots: Number(factors['parallel_slots'] ?? 1),
    promptTokens: shape.promptTokens,
    outputTokens: shape.outputTokens,
    promptTokensPerSecond: shape.prefillRate,
    decodeMsPerToken: shape.decodeMs,
    contention: shape.contention,
    jitter: 0.05,
    speedFactor:
      computeAmdahlFactor(threads, shape.sequentialFraction) *
      computeOversubscription(instances * threads, shape.cores) *
      (1 + shape.instancePenalty * (instances - 1)),
    ttftMs: shape.ttftMs,
    tpotMs: shape.tpotMs,
    seconds,
    seed,
  };
}

/** How long the reference cells run: their goodput is the configuration's true value. */
export const TRUTH_SECONDS = 300;

/** The configuration's goodput over a long cell on the simulator: the value the picks are judged by. */
export function surfaceGoodput(shape: SurfaceShape, factors: Record<string, FactorValue>): number {
  return runSimCell(surfaceCell(shape, factors, TRUTH_SECONDS, 1)).goodput;
}

/** What a measured cell of the surface reports: its goodput and whether the objective (the p95s) held. */
export interface SurfaceMeasure {
  score: number;
  held: boolean;
}

/**
 * A measured cell of `seconds` on the surface: the simulator's cell (its own jitter, answer lengths and cold
 * start) with `seed`, its goodput times the box's noise floor (shrinking with the cell's length) drawn from
 * `random`, and the objective judged on its p95s as the tuner judges a real cell.
 */
export function measureSurface(
  shape: SurfaceShape,
  factors: Record<string, FactorValue>,
  seconds: number,
  seed: number,
  random: () => number,
): SurfaceMeasure {
  const cell = runSimCell(surfaceCell(shape, factors, seconds, seed));
  const sd = shape.noiseFloor * Math.sqrt(60 / seconds);
  // Box-Muller from two uniform draws.
  const u1 = Math.max(1e-12, random() / 2 ** 32);
  const u2 = random() / 2 ** 32;
  const normal = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  return { score: Math.max(0, cell.goodput * (1 + sd * normal)), held: cell.held };
}
