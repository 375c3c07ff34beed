// The two deadlines of a scenario (k6's getDurationContexts): no new iterations after `regularMs`, hard stop at `hardMs`.
import { sumStagesMs } from './arrival-plan.ts';
import { getRampingVusGracefulSteps, getRampingVusRawSteps } from './ramping-vus-plan.ts';
import type { Scenario } from './types.ts';

export interface ScenarioDurations {
  regularMs: number;
  hardMs: number;
}

/** Both deadlines relative to the scenario start; ramping-vus takes them from its raw and graceful step ends. */
export function getScenarioDurations(scenario: Scenario): ScenarioDurations {
  const withGrace = (regularMs: number): ScenarioDurations => ({
    regularMs,
    hardMs: regularMs + scenario.gracefulStopMs,
  });
  switch (scenario.executor) {
    case 'constant-vus':
    case 'constant-arrival-rate':
      return withGrace(scenario.durationMs);
    case 'per-vu-iterations':
    case 'shared-iterations':
      return withGrace(scenario.maxDurationMs);
    case 'ramping-arrival-rate':
      return withGrace(sumStagesMs(scenario.stages));
    case 'ramping-vus': {
      // k6 quirk kept: the regular end is the last raw step, which is earlier than sum(stages) when trailing stages hold 0 VUs
      const raw = getRampingVusRawSteps(scenario.startVUs, scenario.stages, true);
      const graceful = getRampingVusGracefulSteps(scenario);
      return {
        regularMs: raw[raw.length - 1]?.offsetMs ?? 0,
        hardMs: graceful[graceful.length - 1]?.offsetMs ?? 0,
      };
    }
  }
}
