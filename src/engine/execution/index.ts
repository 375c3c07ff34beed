// Public API of the execution part of the embedded k6 engine: config -> scenarios -> executors driving VUs.
export { resolveExecution, planScenarios, sortScenarios } from './config.ts';
export type { ExecutionConfigInput, ExecutionPlan, ScenarioVus } from './config.ts';
export type { CliExecutionOverrides } from './tiers.ts';
export { EXIT_INVALID_CONFIG } from './validate.ts';
export { getRampingVusRawSteps, getRampingVusGracefulSteps, type VuStep } from './ramping-vus-plan.ts';
export { constantArrivalStarts, rampingArrivalStarts } from './arrival-plan.ts';
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
