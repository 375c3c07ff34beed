// Everything one running simulator shares between its routes: options, clock, scheduler, metrics, counters.
import { realClock, type Clock } from './clock.ts';
import { SimMetrics } from './metrics.ts';
import type { FaultKind, SimOptions } from './options.ts';
import { RequestPlanner } from './plan.ts';
import { createRandom, mixSeeds, type Random } from './prng.ts';
import { SchedulerPool } from './scheduler-pool.ts';
import { RequestHistograms } from './request-histograms.ts';
import { computeSlowdownMs, createWear, type SimWear } from './wear.ts';

/** What /props reports as build_info, so a client can tell it is talking to the simulator. */
export const SIM_BUILD_INFO = 'sim-b1-inferload';

export interface SimCounters {
  requests: number;
  generations: number;
  completed: number;
  cancelled: number;
  errors: number;
  faults: Record<FaultKind, number>;
}

export interface SimStats extends SimCounters {
  processing: number;
  deferred: number;
  promptTokens: number;
  predictedTokens: number;
}

export interface SimContext {
  readonly options: SimOptions;
  readonly clock: Clock;
  readonly metrics: SimMetrics;
  readonly scheduler: SchedulerPool;
  /** Per-request latencies and sizes, as vLLM's histograms count them. */
  readonly histograms: RequestHistograms;
  /** Model names the server knows: its own, vLLM's served names, Ollama's pulled models. */
  readonly models: Set<string>;
  readonly planner: RequestPlanner;
  readonly counters: SimCounters;
  /** Draws global faults, one pair per generation request in arrival order. */
  readonly faultRandom: Random;
  /** Clock time at which the model counts as loaded. */
  readonly readyAt: number;
  readonly startedAtSec: number;
  /** Aborted on close, so pending waits (slow headers, model loading) end with the server. */
  readonly shutdown: AbortController;
  /** Leak, slowdown, idle unload, crash and the request log (wear.ts). */
  readonly wear: SimWear;
  /** The server's own URL once it listens (the Batch API runs its lines through it). */
  selfUrl: string;
  /** The model the last Ollama generation used: the one /api/ps shows. */
  loadedModel: string;
}

export function createSimContext(options: SimOptions, clock: Clock = realClock): SimContext {
  const metrics = new SimMetrics();
  const wear = createWear(clock, options.startUnloaded);
  const scheduler = new SchedulerPool(options, clock, metrics, () => computeSlowdownMs(wear, options));
  const faults: Record<FaultKind, number> = {
    status: 0,
    disconnect: 0,
    stall: 0,
    malformed: 0,
    'slow-headers': 0,
    html: 0,
  };
  return {
    options,
    clock,
    metrics,
    scheduler,
    histograms: new RequestHistograms(),
    models: new Set([options.modelName, ...options.extraModelNames]),
    planner: new RequestPlanner(options),
    counters: { requests: 0, generations: 0, completed: 0, cancelled: 0, errors: 0, faults },
    faultRandom: createRandom(mixSeeds(options.seed, 0xfa17)),
    readyAt: clock.now() + options.loadMs,
    startedAtSec: Math.floor(Date.now() / 1000),
    shutdown: new AbortController(),
    wear,
    selfUrl: '',
    loadedModel: options.modelName,
  };
}

/** Milliseconds until the model counts as loaded; 0 once it is. */
export function loadRemainingMs(ctx: SimContext): number {
  return Math.max(0, ctx.readyAt - ctx.clock.now());
}

export function snapshotStats(ctx: SimContext): SimStats {
  return {
    ...ctx.counters,
    faults: { ...ctx.counters.faults },
    processing: ctx.scheduler.processing,
    deferred: ctx.scheduler.deferred,
    promptTokens: ctx.metrics.promptTokensTotal,
    predictedTokens: ctx.metrics.predictedTokensTotal,
  };
}
