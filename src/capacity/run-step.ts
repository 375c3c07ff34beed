// One capacity step: a steady load (closed or open loop) run like any other run, watched live and ended as soon
// as it is steady or has run away, else at its time cap; then judged over its window from the saved requests. An
// engine without live samples (a k6 process) runs to the cap and is judged from its raw samples replayed.
import { existsSync } from 'node:fs';
import type { EngineName } from '../runner/engine-choice.ts';
import type { LoadGeneratorConfig } from '../config/types.ts';
import { runLoad, type LoadRequest } from '../runner/run-load.ts';
import { STEADY_RAMP_SHARE, steadyLoadRequest, type SteadyLoad } from '../runner/steady-load-request.ts';
import { analyzeLoad } from '../results/run-analysis.ts';
import { readMetricPoints } from '../results/read-metric-points.ts';
import type { RunObjective } from '../results/objective-defaults.ts';
import type { RunMeta } from '../results/run-store.ts';
import { judgeStep } from './judge-step.ts';
import { LIVE_METRICS, LiveStep, type LiveJudgement } from './live-step.ts';
import type { SteadinessRule } from './steadiness.ts';
import type { CapacityStep, StepLoad } from './types.ts';
import { computeWindowMetrics } from './window-metrics.ts';

export interface StepContext {
  /** The server; the local target when undefined. */
  target?: string;
  request: Pick<SteadyLoad, 'api' | 'model' | 'stream' | 'maxTokens' | 'prompts'>;
  engine: EngineName;
  /** Split every step over these load generators (their samples arrive live, merged in time order). */
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
    const judged = live.judge(Math.min(Date.now(), live.latestMs), context.minSeconds, context.rule);
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
      sampleMetrics: LIVE_METRICS,
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
  // Without live samples (a k6 process), or with some missing (a split run's follower that fell behind), the
  // saved raw samples are judged as they would have been.
  if (!live || live.requests !== result.summary?.requests)
    live = (await replaySamples(result.files.path('metrics'), newLive)) ?? live;
  // At the cap (or an interrupt) the whole window up to the end is judged once more, up to the last sample (a
  // split run ends after its parts' files are fetched and merged).
  const final =
    stoppedBy === 'steady' || stoppedBy === 'runaway'
      ? last
      : live?.judge(Math.min(endedMs, live.latestMs), 0, context.rule);
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

/** The step's raw samples fed to a LiveStep made at the first one; undefined when there are none to read. */
export async function replaySamples(
  path: string,
  make: (startMs: number) => LiveStep,
): Promise<LiveStep | undefined> {
  if (!existsSync(path)) return undefined;
  let live: LiveStep | undefined;
  for await (const point of readMetricPoints(path, { metrics: LIVE_METRICS })) {
    live ??= make(point.time);
    live.add(point);
  }
  return live;
}
