// The command-line root: registers the verbs and is the only place that exits the process.
import { Command, CommanderError } from 'commander';
import { UserError } from './util/errors.ts';
import { registerLocal } from './commands/local.ts';
import { registerSim } from './commands/sim.ts';
import { registerModel } from './commands/model.ts';
import { registerDemo } from './commands/demo.ts';
import { registerK6 } from './commands/k6.ts';
import { registerStressTest } from './commands/stress-test.ts';
import { registerConfig } from './commands/config.ts';
import { registerDeploy } from './commands/deploy.ts';
import { registerBenchmark } from './commands/benchmark.ts';
import { registerReport } from './commands/report.ts';
import { registerCompare } from './commands/compare.ts';
import { registerRuns } from './commands/runs.ts';
import { registerCapacity } from './commands/capacity.ts';
import { registerDiagnose } from './commands/diagnose.ts';
import { registerBatchTest } from './commands/batch-test.ts';
import { registerSoak } from './commands/soak.ts';
import { registerSweep } from './commands/sweep.ts';
import { registerTune } from './commands/tune.ts';
import { registerInstanceSweep } from './commands/instance-sweep.ts';
import { registerK8s } from './commands/k8s.ts';

const program = new Command('inferload')
  .description('Load-test and tune self-hosted LLM inference servers')
  .showHelpAfterError()
  .exitOverride();

registerLocal(program);
registerSim(program);
registerModel(program);
registerDemo(program);
registerK6(program);
registerStressTest(program);
registerConfig(program);
registerDeploy(program);
registerBenchmark(program);
registerReport(program);
registerCompare(program);
registerRuns(program);
registerDiagnose(program);
registerCapacity(program);
registerBatchTest(program);
registerSoak(program);
registerSweep(program);
registerTune(program);
registerInstanceSweep(program);
registerK8s(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else if (error instanceof UserError) {
    console.error(`inferload: ${error.message}`);
    process.exitCode = error.exitCode;
  } else {
    console.error(error);
    process.exitCode = 1;
  }
}
