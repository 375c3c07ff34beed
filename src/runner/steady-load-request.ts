// A steady load as the runner's request: the soak profile (a short ramp, then a long level) held at a
// concurrency (closed loop) or an arrival rate (open loop), scaled to last the given seconds. Campaign cells
// and capacity steps run it.
import { PROFILE_DEFAULTS } from '../../profiles/lib/defaults.ts';
import { DEFAULT_OUTCOME_LIMITS } from '../results/run-outcome.ts';
import type { EngineName } from './engine-choice.ts';
import type { LoadRequest } from './run-load.ts';

/** The profile a steady load runs: 60 s ramp, SOAK_MINUTES at the level, 30 s ramp-down, at TIME_SCALE=1. */
export const STEADY_PROFILE = 'soak';
// A long level keeps the ramps short (2.4% of the run) once scaled to the run's duration.
const SOAK_MINUTES = 60;
const SOAK_SECONDS = 60 + SOAK_MINUTES * 60 + 30;
/** The ramp-up's share of a steady load's duration. */
export const STEADY_RAMP_SHARE = 60 / SOAK_SECONDS;
// VUs per request/s an open-loop load allocates up front (k6 may use 4x more when they run short).
const VUS_PER_RATE = 4;

export interface SteadyLoad {
  /** Arrival rate in requests/s (open loop), else `concurrency` users (closed loop). */
  rate?: number;
  concurrency?: number;
  seconds: number;
  /** VUs allocated up front per request/s of an open-loop load (default 4; k6's maxVUs is 4x that). */
  vusPerRate?: number;
  api: string;
  model: string;
  stream: boolean;
  maxTokens?: string;
  prompts?: string;
}

/** The runner's request for `load` against `target`. */
export function steadyLoadRequest(
  load: SteadyLoad,
  target: string | undefined,
  engine: EngineName,
  log: (line: string) => void,
): LoadRequest {
  const { rate } = load;
  const vus =
    rate === undefined
      ? Number(load.concurrency)
      : Math.min(1000, Math.max(1, Math.ceil(rate * (load.vusPerRate ?? VUS_PER_RATE))));
  return {
    profile: STEADY_PROFILE,
    ...(target === undefined ? {} : { target }),
    settings: {
      API: load.api,
      MODEL: load.model,
      STREAM: String(load.stream),
      MAX_TOKENS: String(load.maxTokens ?? PROFILE_DEFAULTS.MAX_TOKENS),
      PROMPTS: String(load.prompts ?? PROFILE_DEFAULTS.PROMPTS),
      TIME_SCALE: String(load.seconds / SOAK_SECONDS),
      MODE: rate === undefined ? 'vus' : 'rate',
      ...(rate === undefined ? {} : { RATE: String(rate) }),
      SOAK_VUS: String(vus),
      SOAK_MINUTES: String(SOAK_MINUTES),
    },
    engine,
    log,
    // A steady load pushes the server on purpose: requests cut off at its end are expected; one that served
    // nothing, or mostly errors, still fails.
    limits: { ...DEFAULT_OUTCOME_LIMITS, maxInterruptedShare: 1 },
  };
}
