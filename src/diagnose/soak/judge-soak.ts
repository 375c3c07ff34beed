// The soak verdicts of one run: its steady span cut into windows, then each detector (memory and GPU memory
// trends, drift, error bursts, restarts) over them, and one overall word that a failed run never turns into
// "stable".
import type { LoadAnalysis } from '../../results/run-analysis.ts';
import type { DiagnosticsRecord } from '../diagnostics-record.ts';
import { findErrorBursts } from './find-error-bursts.ts';
import {
  findRestarts,
  withContainerEvidence,
  type ContainerRestarts,
  type TimedIdentity,
} from './find-restarts.ts';
import { judgeDrift } from './judge-drift.ts';
import { judgeMemoryTrend, type MemoryReading } from './judge-memory-trend.ts';
import type { SoakThresholds } from './soak-thresholds.ts';
import type { SoakVerdicts } from './soak-verdicts.ts';
import { cutWindows, findSteadySpan, measureWindows, type Span } from './soak-windows.ts';

export interface SoakInput {
  readonly analysis: Pick<LoadAnalysis, 'series' | 'requests' | 'meta'>;
  /** diagnostics.jsonl's records (host and GPU samples). */
  readonly records: readonly DiagnosticsRecord[];
  readonly identity: readonly TimedIdentity[];
  /** The server's container before and after the run, for a server deployed in podman. */
  readonly container?: ContainerRestarts;
  /** Window length; 0 for a fifth of the steady span (at least 1 s). */
  readonly windowSeconds: number;
  readonly thresholds: SoakThresholds;
}

const FAILED = new Set(['failed', 'error', 'interrupted']);

/** Judges a soak run. */
export function judgeSoak(input: SoakInput): SoakVerdicts {
  const { analysis, thresholds } = input;
  const startMs = Date.parse(analysis.meta.startedAt);
  const at = (r: DiagnosticsRecord): number => (Number.isFinite(r.ts) ? (r.ts - startMs) / 1000 : r.t / 1000);
  const steady = findSteadySpan(analysis);
  const windowSeconds =
    input.windowSeconds > 0 || !steady ? input.windowSeconds : Math.max(1, (steady.endS - steady.startS) / 5);
  const spans = steady && windowSeconds > 0 ? cutWindows(steady, windowSeconds) : [];
  const windows = measureWindows(analysis, spans);
  // The first window is the warm-up (caches filling, pages touched): memory is judged after it.
  const memorySpan: Span | undefined =
    steady && spans.length >= 3 ? { startS: spans[1]?.startS ?? steady.startS, endS: steady.endS } : steady;
  const inSpan = (t: number): boolean => !memorySpan || (t >= memorySpan.startS && t <= memorySpan.endS);
  const hosts = input.records.filter((r) => r.source === 'host');
  const rss: MemoryReading[] = [];
  let pid: number | undefined;
  for (const r of hosts) {
    if (!r.process || !inSpan(at(r))) continue;
    pid ??= r.process.pid;
    if (r.process.pid === pid) rss.push({ t: at(r), bytes: r.process.rssBytes });
  }
  const gpu: MemoryReading[] = [];
  let gpuCount = 0;
  for (const r of input.records) {
    if (r.source !== 'gpu' || !inSpan(at(r)) || !Array.isArray(r.gpus)) continue;
    const used = r.gpus.map((g) => (g.vramUsedBytes ?? 0) + (g.gttUsedBytes ?? 0));
    if (!r.gpus.some((g) => g.vramUsedBytes !== undefined || g.gttUsedBytes !== undefined)) continue;
    gpuCount = Math.max(gpuCount, r.gpus.length);
    gpu.push({ t: at(r), bytes: used.reduce((a, b) => a + b, 0) });
  }
  const memory = judgeMemoryTrend(
    pid === undefined ? 'server RSS' : `server RSS (pid ${pid})`,
    rss,
    thresholds,
  );
  const gpuMemory = judgeMemoryTrend(`GPU memory (VRAM + GTT, ${gpuCount} GPU)`, gpu, thresholds);
  const drift = judgeDrift(windows, thresholds);
  const inSteady = analysis.series.filter((b) => !steady || (b.t >= steady.startS && b.t < steady.endS));
  const errors = findErrorBursts(inSteady, thresholds);
  const sampled = hosts.map((r) => ({ t: at(r), ...(r.process ? { pid: r.process.pid } : {}) }));
  const restarts = withContainerEvidence(findRestarts(input.identity, sampled), input.container);
  const outcome = analysis.meta.outcome ?? { status: 'unknown', reasons: ['meta.json has no outcome'] };
  const fired = [
    memory.verdict === 'leak' ? `memory leak: ${memory.reason}` : undefined,
    gpuMemory.verdict === 'leak' ? `GPU memory leak: ${gpuMemory.reason}` : undefined,
    drift.verdict === 'drift' ? `drift: ${drift.reason}` : undefined,
    errors.verdict === 'bursts' ? `error bursts: ${errors.reason}` : undefined,
    restarts.verdict === 'restarted' ? `restarts: ${restarts.reason}` : undefined,
  ].filter((f): f is string => f !== undefined);
  const overall: Pick<SoakVerdicts, 'verdict' | 'reason'> =
    outcome.status === 'unknown'
      ? {
          verdict: 'failed run',
          reason: 'meta.json records no outcome: a soak not known to have served is not stable',
        }
      : FAILED.has(outcome.status)
        ? {
            verdict: 'failed run',
            reason: `the run ${outcome.status.replace('_', ' ')}${outcome.reasons[0] ? ` (${outcome.reasons[0]})` : ''}: a soak that failed is not stable`,
          }
        : fired.length > 0
          ? { verdict: 'unstable', reason: fired.join('; ') }
          : { verdict: 'stable', reason: describeQuiet({ memory, gpuMemory, drift, restarts }) };
  return {
    runId: analysis.meta.id,
    outcome,
    ...overall,
    windowSeconds,
    ...(steady ? { steady } : {}),
    windows,
    memory,
    gpuMemory,
    drift,
    errors,
    restarts,
    thresholds,
    identity: [...input.identity],
    ...(input.container ? { container: input.container } : {}),
  };
}

// "stable" says what was checked: a detector without data is named, never counted as quiet.
function describeQuiet(v: Pick<SoakVerdicts, 'memory' | 'gpuMemory' | 'drift' | 'restarts'>): string {
  const unjudged = [
    v.memory.verdict === 'not judged' ? `memory (${v.memory.reason})` : undefined,
    v.drift.verdict === 'not judged' ? `drift (${v.drift.reason})` : undefined,
    v.restarts.verdict === 'not judged' ? `restarts (${v.restarts.reason})` : undefined,
  ].filter((u): u is string => u !== undefined);
  const gpu = v.gpuMemory.verdict === 'not judged' ? '' : ', no GPU memory leak';
  const quiet = `no leak${gpu}, no drift, no error burst, no restart`;
  return unjudged.length > 0 ? `${quiet}; not judged: ${unjudged.join('; ')}` : quiet;
}
