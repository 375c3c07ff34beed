// Turns one raw `scenarios` entry into a typed, defaulted, validated Scenario (`lib/executor/*_config`).
import { UserError } from '../../util/errors.ts';
import { describeValue, FieldReader } from './field-reader.ts';
import { parseExecutorFields } from './validate-executors.ts';
import { EXECUTOR_TYPES, type BaseScenario, type ExecutorType, type Scenario } from './types.ts';

/** k6 exits with this code on an invalid configuration. */
export const EXIT_INVALID_CONFIG = 104;

const NAME_RE = /^[0-9a-zA-Z_-]+$/;
const BASE_KEYS = ['executor', 'startTime', 'gracefulStop', 'env', 'exec', 'tags', 'options'] as const;
const DEFAULT_GRACEFUL_STOP_MS = 30_000;

/** Parses every scenario, throwing one UserError (exit 104) listing all problems. */
export function parseScenarios(raw: Record<string, unknown>): Scenario[] {
  const errors: string[] = [];
  const scenarios = Object.entries(raw).flatMap(([name, config]) => {
    const scenario = parseScenario(name, config, errors);
    return scenario ? [scenario] : [];
  });
  throwIfErrors(errors);
  return scenarios;
}

/** Throws the collected config errors as one UserError with exit code 104. */
export function throwIfErrors(errors: readonly string[]): void {
  if (errors.length > 0) throw createConfigError(errors);
}

/** Builds the UserError (exit 104) for one or more config problems. */
export function createConfigError(errors: readonly string[]): UserError {
  const body = errors.length === 1 ? errors[0] : errors.map((e) => `  - ${e}`).join('\n');
  return new UserError(
    `invalid execution configuration${errors.length === 1 ? ': ' : ':\n'}${body}`,
    EXIT_INVALID_CONFIG,
  );
}

/** Parses one scenario, appending its problems to `errors`; undefined when it cannot be typed at all. */
export function parseScenario(name: string, config: unknown, errors: string[]): Scenario | undefined {
  const label = `scenario '${name}'`;
  if (!NAME_RE.test(name)) {
    errors.push(`${label}: the name should contain only numbers, latin letters, underscores and dashes`);
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    errors.push(`${label}: expected an object with an 'executor' key, got ${describeValue(config)}`);
    return undefined;
  }
  const reader = new FieldReader(config as Record<string, unknown>, label, errors);
  const executor = readExecutorType(reader);
  if (executor === undefined) return undefined;
  const before = errors.length;
  const base = readBase(name, reader);
  const scenario = parseExecutorFields(executor, base, reader, BASE_KEYS);
  return errors.length === before ? scenario : undefined;
}

function readExecutorType(reader: FieldReader): ExecutorType | undefined {
  const executor = reader.string('executor');
  if (executor === undefined) {
    if (!reader.has('executor'))
      reader.fail('executor', `is required (one of: ${EXECUTOR_TYPES.join(', ')})`);
    return undefined;
  }
  if (executor === 'externally-controlled') {
    reader.fail(
      'executor',
      "'externally-controlled' is not supported by the embedded engine (removed in k6 v2)",
    );
    return undefined;
  }
  if (!(EXECUTOR_TYPES as readonly string[]).includes(executor)) {
    reader.fail(
      'executor',
      `unknown executor type '${executor}' (expected one of: ${EXECUTOR_TYPES.join(', ')})`,
    );
    return undefined;
  }
  return executor as ExecutorType;
}

function readBase(name: string, reader: FieldReader): BaseScenario {
  const startTimeMs = reader.durationMs('startTime') ?? 0;
  const gracefulStopMs = reader.durationMs('gracefulStop') ?? DEFAULT_GRACEFUL_STOP_MS;
  const exec = reader.string('exec');
  if (startTimeMs < 0) reader.fail('startTime', 'should not be negative');
  if (gracefulStopMs < 0) reader.fail('gracefulStop', 'should not be negative');
  if (exec === '') reader.fail('exec', 'should not be empty');
  const options = reader.object('options');
  return {
    name,
    startTimeMs,
    gracefulStopMs,
    exec: exec || 'default',
    env: reader.stringMap('env'),
    tags: reader.stringMap('tags'),
    ...(options ? { options } : {}),
  };
}
