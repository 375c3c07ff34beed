import type { ScenarioProgress } from '../execution/runtime-types.ts';

/** Run-wide counters the progress line shows beside the scenarios' own state. */
export interface RunCounters {
  elapsedMs: number;
  requests: number;
  failedRequests: number;
  /** Requests in the last window, for a current rate rather than a whole-run average. */
  recentRequests: number;
  /** Output tokens the profiles counted (llm_output_tokens_total), all and in the last window; 0 for plain HTTP. */
  outputTokens: number;
  recentOutputTokens: number;
  recentWindowMs: number;
}

/** Elapsed time as the progress line shows it: 1m05.3s. */
export function clock(ms: number): string {
  const total = Math.max(0, ms) / 1000;
  const minutes = Math.floor(total / 60);
  return `${minutes}m${(total - minutes * 60).toFixed(1).padStart(4, '0')}s`;
}

function bar(fraction: number, width = 20): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `[${'='.repeat(Math.max(0, filled - 1))}${filled > 0 ? '>' : ''}${' '.repeat(width - filled)}]`;
}

/** One line: elapsed time, VUs, iterations, current request and token rates, error share, each scenario's bar. */
export function formatProgressLine(scenarios: readonly ScenarioProgress[], counters: RunCounters): string {
  const active = scenarios.reduce((sum, s) => sum + s.activeVus, 0);
  const max = scenarios.reduce((sum, s) => sum + s.maxVus, 0);
  const done = scenarios.reduce((sum, s) => sum + s.iterations - s.interrupted, 0);
  const interrupted = scenarios.reduce((sum, s) => sum + s.interrupted, 0);
  const perSecond = (n: number): number =>
    counters.recentWindowMs > 0 ? (n * 1000) / counters.recentWindowMs : 0;
  const rate = perSecond(counters.recentRequests);
  const errors = counters.requests > 0 ? (100 * counters.failedRequests) / counters.requests : 0;
  const parts = [
    `running (${clock(counters.elapsedMs)})`,
    `${active}/${max} VUs`,
    `${done} complete and ${interrupted} interrupted iterations`,
    `${rate.toFixed(1)} req/s`,
    // Token rate only where a profile counts tokens: a plain HTTP script has none to show.
    ...(counters.outputTokens > 0 ? [`${perSecond(counters.recentOutputTokens).toFixed(1)} tok/s`] : []),
    `errors ${errors.toFixed(1)}%`,
  ];
  const bars = scenarios.map((s) => `${s.scenario} ${bar(s.fraction)} ${Math.floor(s.fraction * 100)}%`);
  return [parts.join(', '), ...bars].join('  ');
}
