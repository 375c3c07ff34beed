// The embedded k6-compatible engine behind the runner's Engine interface.
import { compileScript, type CompiledScript } from '../../engine/script/compile-script.ts';
import { runTest } from '../../engine/run/run-test.ts';
import { systemEnv } from '../../util/system-env.ts';
import { toolkitVersion } from '../../util/toolkit-version.ts';
import type { Engine, EngineRunInput, EngineRunResult } from '../engine.ts';

export class EmbeddedEngine implements Engine {
  readonly name = 'embedded';
  readonly version = `inferload ${toolkitVersion}`;
  readonly #bundle: string;
  #compiled: CompiledScript | undefined;

  constructor(bundle: string) {
    this.#bundle = bundle;
  }

  async prepare(): Promise<void> {
    this.#compiled = await compileScript(this.#bundle);
  }

  async run(input: EngineRunInput): Promise<EngineRunResult> {
    const result = await runTest({
      scriptPath: this.#bundle,
      ...(this.#compiled ? { compiled: this.#compiled } : {}),
      env: { ...systemEnv(), ...input.settings },
      summaryExport: input.summaryExport,
      jsonOut: input.jsonOut,
      quiet: input.quiet,
      noSummary: true,
      signal: input.signal,
      ...(input.onSample ? { onSample: input.onSample } : {}),
    });
    return {
      exitCode: result.exitCode,
      ...(result.reason ? { reason: result.reason } : {}),
      iterationsCompleted: result.iterationsCompleted,
      iterationsInterrupted: result.iterationsInterrupted,
    };
  }
}
