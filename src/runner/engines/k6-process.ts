// A real k6 binary behind the runner's Engine interface: the bundle and the settings on its command line, the
// run's files as its --summary-export and --out json=; an interrupt is passed on as SIGINT, as Ctrl-C would be.
import { startProcess } from '../../process/start-process.ts';
import type { Engine, EngineRunInput, EngineRunResult } from '../engine.ts';

// What a k6 that could not start, or died of a signal, reports.
const EXIT_NO_RESULT = 255;

export class K6ProcessEngine implements Engine {
  readonly name = 'k6';
  readonly version: string;
  readonly #bin: string;
  readonly #bundle: string;

  constructor(bin: string, bundle: string) {
    this.#bin = bin;
    this.#bundle = bundle;
    this.version = bin;
  }

  async prepare(): Promise<void> {
    // k6 compiles the bundle itself; a script error shows as its exit code 107.
  }

  async run(input: EngineRunInput): Promise<EngineRunResult> {
    const args = ['run', '--summary-export', input.summaryExport, '--out', `json=${input.jsonOut}`];
    if (input.quiet) args.push('--quiet');
    for (const [key, value] of Object.entries(input.settings)) args.push('-e', `${key}=${value}`);
    args.push(this.#bundle);
    // k6 stays in our process group and on our terminal, as when run by hand; an abort reaches it as SIGINT.
    const k6 = startProcess([this.#bin, ...args], {
      stdin: 'inherit',
      stdout: 'inherit',
      stderr: 'inherit',
      signal: input.signal,
      stopSignal: 'SIGINT',
    });
    input.onPid?.(k6.pid);
    const exit = await k6.done;
    if (exit.startError !== undefined) return { exitCode: EXIT_NO_RESULT, reason: exit.startError };
    if (exit.signal !== undefined)
      return { exitCode: EXIT_NO_RESULT, reason: `${this.#bin} was killed by ${exit.signal}` };
    return { exitCode: exit.code };
  }
}
