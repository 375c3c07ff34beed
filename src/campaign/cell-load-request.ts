// A load cell as the runner's request: the soak profile (a steady load after a short ramp) held at the cell's
// concurrency or arrival rate, scaled so that it lasts the cell's duration.
import { PROFILE_DEFAULTS } from '../../profiles/lib/defaults.ts';
import type { EngineName } from '../runner/engine-choice.ts';
import type { LoadRequest } from '../runner/run-load.ts';
import { DEFAULT_OUTCOME_LIMITS } from '../results/run-outcome.ts';
import { cellSeconds } from './plan-campaign.ts';
import type { SweepSpec } from './sweep-spec.ts';
import type { CampaignCell } from './types.ts';

/** The profile every cell runs: 60 s ramp, SOAK_MINUTES at the level, 30 s ramp-down, at TIME_SCALE=1. */
export const CELL_PROFILE = 'soak';
// A long steady stage keeps the ramps short (2.4% of the cell) once scaled to the cell's duration.
const SOAK_MINUTES = 60;
const SOAK_SECONDS = 60 + SOAK_MINUTES * 60 + 30;
// VUs per request/s an open-loop cell may use (k6 allows 4x more when they run short).
const VUS_PER_RATE = 4;

/** The runner's request for `cell` against `target`. */
export function cellLoadRequest(
  spec: Pick<SweepSpec, 'api' | 'stream' | 'durationSeconds' | 'requests'> & { model: string },
  cell: CampaignCell,
  target: string,
  engine: EngineName,
  log: (line: string) => void,
): LoadRequest {
  const rate = cell.load['rate'];
  const concurrency = cell.load['concurrency'];
  const vus =
    typeof rate === 'number'
      ? Math.min(1000, Math.max(1, Math.ceil(rate * VUS_PER_RATE)))
      : Number(concurrency);
  const timeScale = cellSeconds(spec, cell) / SOAK_SECONDS;
  return {
    profile: CELL_PROFILE,
    target,
    settings: {
      API: spec.api,
      MODEL: spec.model,
      STREAM: String(spec.stream),
      MAX_TOKENS: String(cell.load['max_tokens'] ?? PROFILE_DEFAULTS.MAX_TOKENS),
      PROMPTS: String(cell.load['prompts'] ?? PROFILE_DEFAULTS.PROMPTS),
      TIME_SCALE: String(timeScale),
      MODE: typeof rate === 'number' ? 'rate' : 'vus',
      ...(typeof rate === 'number' ? { RATE: String(rate) } : {}),
      SOAK_VUS: String(vus),
      SOAK_MINUTES: String(SOAK_MINUTES),
    },
    engine,
    log,
    // A cell pushes the server on purpose: requests cut off at the cell's end are expected; a cell that served
    // nothing, or mostly errors, still fails.
    limits: { ...DEFAULT_OUTCOME_LIMITS, maxInterruptedShare: 1 },
  };
}
