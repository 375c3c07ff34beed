// One capacity step: a steady load (closed or open loop) run like any other run, watched live and ended as soon
// as it is steady or has run away, else at its time cap; then judged over its window from the saved requests. An
// engine without live samples (a k6 process, a split run) runs to the cap and is judged from its raw samples.
import { existsSync } from 'node:fs';
import type { EngineName } from '../runner/engine-choice.ts';
import type { LoadGeneratorConfig } from '../config/types.ts';
import { runLoad, type LoadRequest } from '../runner/run-load.ts';
import { STEADY_RAMP_SHARE, steadyLoadRequest, type SteadyLoad } from '../runner/steady-load-request.ts';
import { analyzeLoad } from '../results/run-analysis.ts';
import { readMetricPoints, type ReadPointsStats } from '../results/read-metric-points.ts';
import type { RunObjective } from '../results/objective-defaults.ts';
import type { RunMeta } from '../results/run-store.ts';
import { judgeStep } from './judge-step.ts';
import { LiveStep, type LiveJudgement } from './live-step.ts';
import type { SteadinessRule } from './steadiness.ts';
import type { CapacityStep, StepLoad } from './types.ts';
import { computeWindowMetrics } from './window-metrics.ts';

export interface StepContext {
  /** The server; the local target when undefined. */
  target?: string;
  request: Pick<SteadyLoad, 'api' | 'model' | 'stream' | 'maxTokens' | 'prompts'>;
  engine: EngineName;
  /** Split every step over these load generators (no live samples then: a step runs to its cap). */
  generators?: readonly LoadGeneratorConfig[];
  objective: RunObjective;
  /** A step's longest run, and the shortest window it is judged steady on. */
  capSeconds: number;
  minSeconds: number;
  rule?: Readonly<SteadinessRule>;
  log: (line: string) => void;
  deployed?: RunMeta['deployed'];
}

// An open-loop step allocates this many VUs per request/s up front, and k6 may use 4x more: in-flight up to
// 32 s of arrivals before an arrival is dropped.
const VUS_PER_RATE = 8;
// The warm-up after the ramp never takes more than this share of the cap.
const MAX_SETTLE_SHARE = 0.25;
// Without any samples to judge the window skips this share of the step after the ramp.
const BLIND_WARMUP_SHARE = 0.2;

/** Runs the step; `extra` adds to the runner's request (diagnostics for the confirmation). */
export async function runStep(
  context: StepContext,
  load: StepLoad,
  index: number,
  extra: Pick<LoadRequest, 'diagnostics'> = {},
): Promise<CapacityStep> {
  const end = new AbortController();
  const rampSeconds = STEADY_RAMP_SHARE * context.capSeconds;
  let live: LiveStep | undefined;
  let last: LiveJudgement | undefined;
  const newLive = (startMs: number): LiveStep =>
    new LiveStep(startMs, rampSeconds, MAX_SETTLE_SHARE * context.capSeconds);
  const onSample: NonNullable<LoadRequest['onSample']> = (sample) => {
    live ??= newLive(sample.time);
    live.add(sample);
  };
  const timer = setInterval(() => {
    if (!live || end.signal.aborted) return;
    const judged = live.judge(Date.now(), context.minSeconds, context.rule);
    if (!judged) return;
    last = judged;
    if (judged.steadiness.state !== 'unsteady') end.abort(new Error(judged.steadiness.why));
  }, 1000);
  const request = steadyLoadRequest(
    {
      ...context.request,
      ...(load.rate === undefined ? { concurrency: load.concurrency ?? 1 } : { rate: load.rate }),
      seconds: context.capSeconds,
      vusPerRate: VUS_PER_RATE,
    },
    context.target,
    context.engine,
    context.log,
  );
  let result;
  try {
    result = await runLoad({
      ...request,
      ...extra,
      ...(context.generators ? { generators: context.generators } : {}),
      endSignal: end.signal,
      onSample,
      ...(context.deployed ? { deployed: context.deployed } : {}),
    });
  } finally {
    clearInterval(timer);
  }
  const { meta } = result;
  const startedMs = Date.parse(meta.startedAt);
  const endedMs = Date.parse(meta.endedAt ?? meta.startedAt);
  const interrupted = result.outcome.status === 'interrupted';
  // Ended by the live judgement (steady or running away), else by the profile's own end at the cap.
  const ended = end.signal.aborted ? last?.steadiness.state : undefined;
  const stoppedBy: CapacityStep['stoppedBy'] = interrupted
    ? 'interrupted'
    : ended === 'steady' || ended === 'runaway'
      ? ended
      : 'cap';
  // Without live samples (a k6 process, a split run) the saved raw samples are judged as they would have been.
  let judgedUntil = endedMs;
  if (!live) {
    const replayed = await replaySamples(result.files.path('metrics'), (startMs) => newLive(startMs));
    live = replayed?.live;
    if (replayed) judgedUntil = Math.min(endedMs, replayed.lastMs);
  }
  // At the cap (or an interrupt) the whole window up to the end is judged once more.
  const final =
    stoppedBy === 'steady' || stoppedBy === 'runaway' ? last : live?.judge(judgedUntil, 0, context.rule);
  const analysis = await analyzeLoad(result.files, { slo: context.objective.slo });
  const window = final
    ? { startMs: final.startMs, endMs: final.endMs }
    : {
        startMs: startedMs + (rampSeconds + BLIND_WARMUP_SHARE * context.capSeconds) * 1000,
        endMs: endedMs,
      };
  const metrics = computeWindowMetrics(
    analysis.requests.records,
    window.startMs,
    window.endMs,
    context.objective.slo,
  );
  const dropped = live?.dropped ?? 0;
  const judgement = judgeStep(
    { load, window: metrics, steadiness: final?.steadiness, dropped },
    context.objective,
    context.rule,
  );
  const why =
    stoppedBy === 'interrupted'
      ? `interrupted: ${result.outcome.reasons[0] ?? 'stopped'}`
      : stoppedBy === 'cap'
        ? `time cap of ${context.capSeconds} s${final ? ` (${final.steadiness.why})` : ''}`
        : (final?.steadiness.why ?? '');
  return {
    ...load,
    index,
    runId: meta.id,
    status: result.outcome.status,
    seconds: (endedMs - startedMs) / 1000,
    stoppedBy,
    why,
    window: { ...metrics, ...window },
    ...(final ? { steadiness: final.steadiness } : {}),
    dropped,
    judgement,
  };
}

// What a step is judged on, and the gauges every engine writes from the start (the load's first moment).
const REPLAYED = ['llm_errors', 'llm_ttft', 'llm_e2e', 'dropped_iterations', 'vus', 'vus_max'];

/** The step's raw samples fed to a LiveStep made at the first one; undefined when there are none to read. */
async function replaySamples(
  path: string,
  make: (startMs: number) => LiveStep,
): Promise<{ live: LiveStep; lastMs: number } | undefined> {
  if (!existsSync(path)) return undefined;
  const stats: ReadPointsStats = { points: 0, malformedLines: 0, truncated: false };
  let live: LiveStep | undefined;
  for await (const point of readMetricPoints(path, { metrics: REPLAYED, stats })) {
    live ??= make(point.time);
    live.add(point);
  }
  return live && stats.lastPointMs !== undefined ? { live, lastMs: stats.lastPointMs } : undefined;
}
