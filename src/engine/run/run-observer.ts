import type { ExecutionObserver, VuHandle, VuPool } from '../execution/runtime-types.ts';
import type { Sample } from '../metrics/types.ts';
import type { RunCounters } from './progress-line.ts';
import type { InstanceInfo } from '../modules/k6-execution.ts';

const RATE_WINDOW_MS = 5000;
/** The counter profiles/lib/llm-metrics.ts adds each response's output tokens to. */
const OUTPUT_TOKENS_METRIC = 'llm_output_tokens_total';

/** Listens to the executors and the sample stream: counters for exec.instance and the progress line. */
export class RunObserver implements ExecutionObserver {
  pool: VuPool | undefined;
  private completed = 0;
  private interrupted = 0;
  private active = 0;
  private max = 0;
  private requests = 0;
  private httpFailed = 0;
  private llmFailed = 0;
  private outputTokens = 0;
  private readonly window: { at: number; requests: number; outputTokens: number }[] = [
    { at: performance.now(), requests: 0, outputTokens: 0 },
  ];

  constructor(
    private readonly emit: (sample: Sample) => void,
    private readonly runTags: Record<string, string>,
    private readonly warn: (message: string) => void,
  ) {}

  iterationDone(scenario: string, _vu: VuHandle, _durationMs: number, interrupted: boolean): void {
    if (interrupted) this.interrupted += 1;
    else this.completed += 1;
    // k6 emits each iteration's socket bytes when it ends, interrupted or not, zero included (runner.go runFn:
    // "always emit IO samples"), so data_sent and data_received are in every summary with an iteration; the
    // bytes themselves are counted per request here.
    const time = Date.now();
    const tags = { ...this.runTags, scenario };
    this.emit({ metric: 'data_sent', time, value: 0, tags });
    this.emit({ metric: 'data_received', time, value: 0, tags });
  }

  dropped(scenario: string, count: number): void {
    this.emit({
      metric: 'dropped_iterations',
      time: Date.now(),
      value: count,
      tags: { ...this.runTags, scenario },
    });
  }

  vusChanged(active: number, max: number): void {
    this.active = active;
    this.max = max;
  }

  iterationFailed(scenario: string, vu: VuHandle, error: unknown): void {
    this.warn(`iteration failed in scenario ${scenario} (vu ${vu.id}): ${String(error)}`);
  }

  warning(message: string): void {
    this.warn(message);
  }

  /** Sees every sample: request, error and output token counts for the live line. */
  sample(sample: Sample): void {
    if (sample.metric === 'http_reqs') this.requests += sample.value;
    else if (sample.metric === OUTPUT_TOKENS_METRIC) this.outputTokens += sample.value;
    else if (sample.metric === 'http_req_failed' && sample.value !== 0) this.httpFailed += 1;
    else if (sample.metric === 'llm_errors' && sample.value !== 0) this.llmFailed += 1;
  }

  /** k6 emits the vus and vus_max gauges every second. */
  emitVus(): void {
    const time = Date.now();
    this.emit({ metric: 'vus', time, value: this.active, tags: this.runTags });
    this.emit({ metric: 'vus_max', time, value: this.pool?.initialized() ?? this.max, tags: this.runTags });
  }

  counters(elapsedMs: number): RunCounters {
    const now = performance.now();
    const current = { at: now, requests: this.requests, outputTokens: this.outputTokens };
    this.window.push(current);
    while (this.window.length > 2 && (this.window[0]?.at ?? now) < now - RATE_WINDOW_MS) this.window.shift();
    const first = this.window[0] ?? current;
    return {
      elapsedMs,
      requests: this.requests,
      failedRequests: Math.max(this.httpFailed, this.llmFailed),
      recentRequests: this.requests - first.requests,
      outputTokens: this.outputTokens,
      recentOutputTokens: this.outputTokens - first.outputTokens,
      recentWindowMs: now - first.at,
    };
  }

  instance(elapsedMs: number): InstanceInfo {
    return {
      currentTestRunDuration: elapsedMs,
      iterationsCompleted: this.completed,
      iterationsInterrupted: this.interrupted,
      vusActive: this.active,
      vusInitialized: this.pool?.initialized() ?? 0,
    };
  }
}
