// Validated scenario configurations, the typed form of k6's `options.scenarios` entries.
import type { Stripe } from './execution-tuple.ts';

/** The executors the embedded engine runs (k6 v1.x, minus externally-controlled). */
export const EXECUTOR_TYPES = [
  'constant-vus',
  'ramping-vus',
  'per-vu-iterations',
  'shared-iterations',
  'constant-arrival-rate',
  'ramping-arrival-rate',
] as const;

export type ExecutorType = (typeof EXECUTOR_TYPES)[number];

/** One stage of `ramping-vus` (target VUs) or `ramping-arrival-rate` (target iterations per timeUnit). */
export interface Stage {
  durationMs: number;
  target: number;
}

/** Keys every executor accepts (`lib/executor/base_config.go`). */
export interface BaseScenario {
  name: string;
  startTimeMs: number;
  gracefulStopMs: number;
  /** Exported function to run; "default" unless set. */
  exec: string;
  env: Record<string, string>;
  tags: Record<string, string>;
  /** Scenario-level `options` (browser settings in k6), passed through untouched. */
  options?: Record<string, unknown>;
  /** Set when this instance runs one execution segment; the counts above are then already this segment's share. */
  segment?: ScenarioSegment;
}

/** How a segmented scenario finds its share of the whole test (see segment-scenarios.ts). */
export interface ScenarioSegment {
  /** The run's segment, e.g. "1/3:2/3", for messages. */
  label: string;
  /** The run's stripe: VU ids in the whole test, and which of ramping-vus' VUs are this segment's. */
  vus: Stripe;
  /** The stripe iterations are counted on (exec.scenario.iterationInTest) and arrival-rate starts picked from. */
  iterations: Stripe;
}

export interface ConstantVusScenario extends BaseScenario {
  executor: 'constant-vus';
  vus: number;
  durationMs: number;
}

export interface RampingVusScenario extends BaseScenario {
  executor: 'ramping-vus';
  startVUs: number;
  stages: Stage[];
  gracefulRampDownMs: number;
}

export interface PerVuIterationsScenario extends BaseScenario {
  executor: 'per-vu-iterations';
  vus: number;
  iterations: number;
  maxDurationMs: number;
}

export interface SharedIterationsScenario extends BaseScenario {
  executor: 'shared-iterations';
  vus: number;
  iterations: number;
  maxDurationMs: number;
}

export interface ConstantArrivalRateScenario extends BaseScenario {
  executor: 'constant-arrival-rate';
  rate: number;
  timeUnitMs: number;
  durationMs: number;
  preAllocatedVUs: number;
  maxVUs: number;
}

export interface RampingArrivalRateScenario extends BaseScenario {
  executor: 'ramping-arrival-rate';
  startRate: number;
  timeUnitMs: number;
  stages: Stage[];
  preAllocatedVUs: number;
  maxVUs: number;
}

export type Scenario =
  | ConstantVusScenario
  | RampingVusScenario
  | PerVuIterationsScenario
  | SharedIterationsScenario
  | ConstantArrivalRateScenario
  | RampingArrivalRateScenario;

/** Pulls the scenario type for one executor out of the union. */
export type ScenarioOf<E extends ExecutorType> = Extract<Scenario, { executor: E }>;

/** A point of a VU requirement timeline: from `offsetMs` on, `plannedVUs` (+ up to `maxUnplannedVUs`) are needed. */
export interface ExecutionStep {
  offsetMs: number;
  plannedVUs: number;
  maxUnplannedVUs: number;
}
