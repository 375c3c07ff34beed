// A stand-in for the engine side: VUs whose iterations just sleep (honouring the abort signal), and an observer
// that records everything with times relative to the fake's creation.
import { performance } from 'node:perf_hooks';
import type {
  ExecutionObserver,
  IterationContext,
  VuHandle,
} from '../../../../src/engine/execution/runtime-types.ts';
import { createVuPool } from '../../../../src/engine/execution/vu-pool.ts';

export interface IterationRecord {
  vu: number;
  scenario: string;
  iteration: number;
  vuIteration: number;
  startMs: number;
  endMs?: number;
  interrupted?: boolean;
}

export interface FakeEngineOptions {
  /** How long an iteration sleeps, fixed or per (context, VU id). */
  iterationMs: number | ((ctx: IterationContext, vuId: number) => number);
  maxVus: number;
  initMs?: number;
  /** Make VU initialisation fail. */
  failInit?: boolean;
}

export function createFakeEngine(options: FakeEngineOptions) {
  const t0 = performance.now();
  const elapsed = (): number => performance.now() - t0;
  const iterations: IterationRecord[] = [];
  const dropped: { scenario: string; count: number; vuId: number | undefined; atMs: number }[] = [];
  const warnings: string[] = [];
  const vusSamples: { atMs: number; active: number; max: number; busy: number }[] = [];
  const running = new Map<string, IterationRecord>();

  const createVu = async (id: number): Promise<VuHandle> => {
    if (options.initMs) await sleep(options.initMs);
    if (options.failInit) throw new Error(`init of VU ${id} failed`);
    return {
      id,
      async runIteration(ctx: IterationContext): Promise<void> {
        const record = {
          vu: id,
          scenario: ctx.scenario,
          iteration: ctx.iterationInScenario,
          vuIteration: ctx.vuIterationInScenario,
          startMs: elapsed(),
        };
        iterations.push(record);
        running.set(`${ctx.scenario}/${id}`, record);
        const ms =
          typeof options.iterationMs === 'number' ? options.iterationMs : options.iterationMs(ctx, id);
        await sleep(ms, ctx.signal);
      },
    };
  };
  const pool = createVuPool(createVu, options.maxVus);

  const observer: ExecutionObserver = {
    iterationDone(scenario, vu, _durationMs, interrupted) {
      const record = running.get(`${scenario}/${vu.id}`);
      if (record) Object.assign(record, { endMs: elapsed(), interrupted });
    },
    dropped(scenario, count, vuId) {
      dropped.push({ scenario, count, vuId, atMs: elapsed() });
    },
    vusChanged(active, max, busy) {
      vusSamples.push({ atMs: elapsed(), active, max, busy });
    },
    warning(message) {
      warnings.push(message);
    },
  };

  const droppedTotal = (scenario?: string): number =>
    dropped
      .filter((d) => scenario === undefined || d.scenario === scenario)
      .reduce((sum, d) => sum + d.count, 0);
  const done = (scenario?: string): IterationRecord[] =>
    iterations.filter((r) => (scenario === undefined || r.scenario === scenario) && r.interrupted === false);
  const interrupted = (scenario?: string): IterationRecord[] =>
    iterations.filter((r) => (scenario === undefined || r.scenario === scenario) && r.interrupted === true);

  return {
    pool,
    observer,
    iterations,
    dropped,
    warnings,
    vusSamples,
    elapsed,
    droppedTotal,
    done,
    interrupted,
  };
}

/** Sleeps `ms`, ending early (resolving) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const BASE = { startTimeMs: 0, gracefulStopMs: 30_000, exec: 'default', env: {}, tags: {} };

/** Base scenario keys with test defaults; spread the executor-specific keys over it. */
export function base(name: string, overrides: Partial<typeof BASE> = {}) {
  return { name, ...BASE, ...overrides };
}
