// A load cell as the runner's request: the steady load (src/runner/steady-load-request.ts) held at the cell's
// concurrency or arrival rate for the cell's duration.
import type { EngineName } from '../runner/engine-choice.ts';
import type { LoadRequest } from '../runner/run-load.ts';
import { STEADY_PROFILE, steadyLoadRequest } from '../runner/steady-load-request.ts';
import { cellSeconds } from './plan-campaign.ts';
import type { SweepSpec } from './sweep-spec.ts';
import type { CampaignCell } from './types.ts';

/** The profile every cell runs. */
export const CELL_PROFILE = STEADY_PROFILE;

/** The runner's request for `cell` against `target`. */
export function cellLoadRequest(
  spec: Pick<SweepSpec, 'api' | 'stream' | 'durationSeconds' | 'requests'> & { model: string },
  cell: CampaignCell,
  target: string,
  engine: EngineName,
  log: (line: string) => void,
): LoadRequest {
  const rate = cell.load['rate'];
  const maxTokens = cell.load['max_tokens'];
  const prompts = cell.load['prompts'];
  return steadyLoadRequest(
    {
      ...(typeof rate === 'number' ? { rate } : { concurrency: Number(cell.load['concurrency']) }),
      seconds: cellSeconds(spec, cell),
      api: spec.api,
      model: spec.model,
      stream: spec.stream,
      ...(maxTokens === undefined ? {} : { maxTokens: String(maxTokens) }),
      ...(prompts === undefined ? {} : { prompts: String(prompts) }),
    },
    target,
    engine,
    log,
  );
}
