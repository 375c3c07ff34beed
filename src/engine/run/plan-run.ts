// Plan: the scenarios from the layered config, their exec functions checked, thresholds bound, outputs opened.
import { UserError } from '../../util/errors.ts';
import { type ExecutionPlan, resolveExecution } from '../execution/config.ts';
import { EXIT_INVALID_CONFIG } from '../exit-codes.ts';
import { addExpectedResponseSubmetric } from '../metrics/builtin-metrics.ts';
import { JsonOutput } from '../output/json-output.ts';
import { type ThresholdSet, createThresholdSet } from '../thresholds/threshold-set.ts';
import type { InitializedRun } from './init-run.ts';

export interface RunPlan {
  readonly execution: ExecutionPlan;
  /** None with --no-thresholds. */
  readonly thresholds: ThresholdSet | undefined;
}

/** Resolves what will run; an invalid option or a missing exec function fails here with exit 104. */
export function planRun({ run, main }: InitializedRun): RunPlan {
  const { options, registry } = run;
  const execution = resolveExecution({
    script: run.scriptOptions,
    env: options.env,
    ...(options.cli ? { cli: options.cli } : {}),
  });
  run.scenarios = execution.scenarios;
  for (const scenario of execution.scenarios) {
    if (typeof main.exports[scenario.exec] !== 'function') {
      throw new UserError(
        `scenario '${scenario.name}': exec '${scenario.exec}' is not a function exported by the script`,
        EXIT_INVALID_CONFIG,
      );
    }
  }
  for (const warning of execution.warnings) run.log('warn', warning);
  let thresholds: ThresholdSet | undefined;
  if (options.noThresholds) addExpectedResponseSubmetric(registry);
  else
    thresholds = createThresholdSet(
      run.scriptOptions['thresholds'] as Record<string, unknown> | undefined,
      registry,
    );
  if (options.jsonOut !== undefined) {
    const json = JsonOutput.open({ path: options.jsonOut, registry, ...(thresholds ? { thresholds } : {}) });
    run.json = json;
    run.cleanup.defer(() => json.close());
  }
  return { execution, thresholds };
}
