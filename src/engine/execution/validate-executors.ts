// Per-executor keys, defaults and checks, mirroring each `Validate()` in k6's lib/executor.
import { formatMs, type FieldReader } from './field-reader.ts';
import type { BaseScenario, ExecutorType, Scenario, Stage } from './types.ts';

const MIN_DURATION_MS = 1000;
const DEFAULT_MAX_DURATION_MS = 600_000;
const DEFAULT_TIME_UNIT_MS = 1000;
const DEFAULT_GRACEFUL_RAMP_DOWN_MS = 30_000;

const EXECUTOR_KEYS: Record<ExecutorType, readonly string[]> = {
  'constant-vus': ['vus', 'duration'],
  'ramping-vus': ['startVUs', 'stages', 'gracefulRampDown'],
  'per-vu-iterations': ['vus', 'iterations', 'maxDuration'],
  'shared-iterations': ['vus', 'iterations', 'maxDuration'],
  'constant-arrival-rate': ['rate', 'timeUnit', 'duration', 'preAllocatedVUs', 'maxVUs'],
  'ramping-arrival-rate': ['startRate', 'timeUnit', 'stages', 'preAllocatedVUs', 'maxVUs'],
};

/** Reads and checks the executor-specific keys on top of an already-read base. */
export function parseExecutorFields(
  executor: ExecutorType,
  base: BaseScenario,
  r: FieldReader,
  baseKeys: readonly string[],
): Scenario {
  r.rejectUnknownKeys([...baseKeys, ...EXECUTOR_KEYS[executor]]);
  switch (executor) {
    case 'constant-vus':
      return { ...base, executor, vus: positive(r, 'vus', 1), durationMs: duration(r, 'duration') };
    case 'ramping-vus':
      return readRampingVus(base, r);
    case 'per-vu-iterations':
    case 'shared-iterations':
      return readIterations(executor, base, r);
    case 'constant-arrival-rate':
      return readConstantArrivalRate(base, r);
    case 'ramping-arrival-rate':
      return readRampingArrivalRate(base, r);
  }
}

function readRampingVus(base: BaseScenario, r: FieldReader): Scenario {
  const startVUs = nonNegative(r, 'startVUs', 1);
  const stages = requiredStages(r);
  const gracefulRampDownMs = r.durationMs('gracefulRampDown') ?? DEFAULT_GRACEFUL_RAMP_DOWN_MS;
  if (gracefulRampDownMs < 0) r.fail('gracefulRampDown', 'should not be negative');
  if (Math.max(startVUs, ...stages.map((s) => s.target)) <= 0) {
    r.fail('stages', 'need startVUs or one of the stage targets to be greater than 0');
  }
  return { ...base, executor: 'ramping-vus', startVUs, stages, gracefulRampDownMs };
}

function readIterations(
  executor: 'per-vu-iterations' | 'shared-iterations',
  base: BaseScenario,
  r: FieldReader,
) {
  const vus = positive(r, 'vus', 1);
  const iterations = r.int('iterations') ?? 1;
  if (executor === 'per-vu-iterations' && iterations <= 0)
    r.fail('iterations', `should be more than 0, got ${iterations}`);
  if (executor === 'shared-iterations' && iterations < vus) {
    r.fail('iterations', `(${iterations}) should not be less than the number of VUs (${vus})`);
  }
  const maxDurationMs = atLeastOneSecond(
    r,
    'maxDuration',
    r.durationMs('maxDuration') ?? DEFAULT_MAX_DURATION_MS,
  );
  return { ...base, executor, vus, iterations, maxDurationMs };
}

function readConstantArrivalRate(base: BaseScenario, r: FieldReader): Scenario {
  const rate = r.int('rate');
  if (!r.has('rate')) r.fail('rate', 'is required (iterations to start per timeUnit)');
  else if (rate !== undefined && rate <= 0) r.fail('rate', `should be more than 0, got ${rate}`);
  const timeUnitMs = timeUnit(r);
  const durationMs = duration(r, 'duration');
  const { preAllocatedVUs, maxVUs } = arrivalVus(r);
  return {
    ...base,
    executor: 'constant-arrival-rate',
    rate: rate ?? 0,
    timeUnitMs,
    durationMs,
    preAllocatedVUs,
    maxVUs,
  };
}

function readRampingArrivalRate(base: BaseScenario, r: FieldReader): Scenario {
  const startRate = nonNegative(r, 'startRate', 0);
  const timeUnitMs = timeUnit(r);
  const stages = requiredStages(r);
  const { preAllocatedVUs, maxVUs } = arrivalVus(r);
  return {
    ...base,
    executor: 'ramping-arrival-rate',
    startRate,
    timeUnitMs,
    stages,
    preAllocatedVUs,
    maxVUs,
  };
}

function arrivalVus(r: FieldReader): { preAllocatedVUs: number; maxVUs: number } {
  const preAllocatedVUs = r.int('preAllocatedVUs') ?? 0;
  if (!r.has('preAllocatedVUs'))
    r.fail('preAllocatedVUs', 'is required (VUs to initialise before the start)');
  else if (preAllocatedVUs < 0) r.fail('preAllocatedVUs', `should not be negative, got ${preAllocatedVUs}`);
  const maxVUs = r.int('maxVUs') ?? preAllocatedVUs;
  if (maxVUs < preAllocatedVUs) {
    r.fail('maxVUs', `(${maxVUs}) should not be less than preAllocatedVUs (${preAllocatedVUs})`);
  }
  return { preAllocatedVUs, maxVUs };
}

function requiredStages(r: FieldReader): Stage[] {
  const raw = r.get('stages');
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) {
    r.fail('stages', 'needs at least one {duration, target} stage');
  }
  return r.stages('stages');
}

function timeUnit(r: FieldReader): number {
  const ms = r.durationMs('timeUnit') ?? DEFAULT_TIME_UNIT_MS;
  if (ms <= 0) r.fail('timeUnit', `should be more than 0, got ${formatMs(ms)}`);
  return ms;
}

function duration(r: FieldReader, key: string): number {
  const ms = r.durationMs(key);
  if (!r.has(key)) r.fail(key, 'is required (e.g. "30s")');
  return ms === undefined ? 0 : atLeastOneSecond(r, key, ms);
}

function atLeastOneSecond(r: FieldReader, key: string, ms: number): number {
  if (ms < MIN_DURATION_MS) r.fail(key, `should be at least 1s, got ${formatMs(ms)}`);
  return ms;
}

function positive(r: FieldReader, key: string, fallback: number): number {
  const value = r.int(key) ?? fallback;
  if (value <= 0) r.fail(key, `should be more than 0, got ${value}`);
  return value;
}

function nonNegative(r: FieldReader, key: string, fallback: number): number {
  const value = r.int(key) ?? fallback;
  if (value < 0) r.fail(key, `should not be negative, got ${value}`);
  return value;
}
