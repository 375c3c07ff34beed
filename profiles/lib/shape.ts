// Turns a profile's load shape (data) into k6 options for the chosen MODE and TIME_SCALE.
import type { Options, Scenario } from 'k6/options';
import type { ProfileEnv } from './env.ts';

export interface Stage {
  /** Seconds at TIME_SCALE=1. */
  seconds: number;
  /** Concurrent VUs at the end of the stage. */
  vus: number;
}

export interface LoadShape {
  name: string;
  startVus: number;
  stages: Stage[];
  /** k6 threshold expressions by metric; the LLM ones are defined in llm-metrics.ts. */
  thresholds: Record<
    string,
    (string | { threshold: string; abortOnFail?: boolean; delayAbortEval?: string })[]
  >;
}

/** A k6 duration string in whole milliseconds, never below 1 ms. */
export function scaledDuration(seconds: number, scale: number): string {
  return `${Math.max(1, Math.round(seconds * scale * 1000))}ms`;
}

function peakVus(shape: LoadShape): number {
  return Math.max(shape.startVus, ...shape.stages.map((s) => s.vus), 1);
}

/**
 * MODE=vus: closed loop, ramping VUs. MODE=rate: open loop, ramping arrival rate whose stages follow the same
 * shape scaled so the peak equals RATE requests/s (default: one request/s per peak VU).
 */
export function buildOptions(shape: LoadShape, env: ProfileEnv): Options {
  const peak = peakVus(shape);
  const tags = { profile: shape.name, api: env.api, stream: String(env.stream) };
  let scenario: Scenario;
  if (env.mode === 'vus') {
    scenario = {
      executor: 'ramping-vus',
      startVUs: shape.startVus,
      stages: shape.stages.map((s) => ({
        duration: scaledDuration(s.seconds, env.timeScale),
        target: s.vus,
      })),
      gracefulRampDown: scaledDuration(30, env.timeScale),
      gracefulStop: scaledDuration(30, env.timeScale),
      tags,
    };
  } else {
    const peakRate = env.rate ?? peak;
    // k6 rates are integers per timeUnit: counting per minute keeps fractional req/s (0.5/s = 30/min).
    const rateAt = (vus: number): number => Math.round((peakRate * 60 * vus) / peak);
    scenario = {
      executor: 'ramping-arrival-rate',
      startRate: rateAt(shape.startVus),
      timeUnit: '1m',
      stages: shape.stages.map((s) => ({
        duration: scaledDuration(s.seconds, env.timeScale),
        target: rateAt(s.vus),
      })),
      preAllocatedVUs: peak,
      maxVUs: peak * 4,
      gracefulStop: scaledDuration(30, env.timeScale),
      tags,
    };
  }
  const thresholds: Options['thresholds'] = {};
  for (const [metric, list] of Object.entries(shape.thresholds)) {
    // TTFT and ITL exist only when streaming: no threshold on a metric that cannot have samples.
    if (!env.stream && (metric.startsWith('llm_ttft') || metric.startsWith('llm_itl'))) continue;
    thresholds[metric] = list;
  }
  return {
    scenarios: { llm: scenario },
    thresholds,
    summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'count'],
    tags: { testid: shape.name },
  };
}
