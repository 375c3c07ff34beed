// Public API of the execution part of the embedded k6 engine: config -> scenarios -> executors driving VUs.
export { resolveExecution, planScenarios, sortScenarios } from './config.ts';
export type { ExecutionConfigInput, ExecutionPlan, ScenarioVus } from './config.ts';
export type { CliExecutionOverrides } from './tiers.ts';
export { EXIT_INVALID_CONFIG } from './validate.ts';
export { getRampingVusRawSteps, getRampingVusGracefulSteps, type VuStep } from './ramping-vus-plan.ts';
export { constantArrivalStarts, getArrivalStarts, rampingArrivalStarts } from './arrival-plan.ts';
export {
  createExecutionTuple,
  retupleByValue,
  scaleInt,
  tupleSegment,
  tupleStripe,
  type ExecutionTuple,
  type Stripe,
} from './execution-tuple.ts';
export {
  formatSegment,
  formatSequence,
  parseSegment,
  parseSegmentSequence,
  type ExecutionSegment,
} from './segment.ts';
export { segmentScenarios } from './segment-scenarios.ts';
export { ExecutionScheduler, runScenarios, type RunScenariosOptions } from './scheduler.ts';
export { createVuPool, type LazyVuPool, type VuFactory } from './vu-pool.ts';
export type {
  ExecutionObserver,
  IterationContext,
  ScenarioProgress,
  ScenarioStatus,
  VuHandle,
  VuPool,
} from './runtime-types.ts';
export type { ExecutionStep, ExecutorType, Scenario, ScenarioOf, Stage } from './types.ts';
