// A real k6 binary behind the runner's Engine interface: the bundle and the settings on its command line, the
// run's files as its --summary-export and --out json=; an interrupt is passed on as SIGINT, as Ctrl-C would be.
import { spawn } from 'node:child_process';
import type { Engine, EngineRunInput, EngineRunResult } from '../engine.ts';

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

  run(input: EngineRunInput): Promise<EngineRunResult> {
    const args = ['run', '--summary-export', input.summaryExport, '--out', `json=${input.jsonOut}`];
    if (input.quiet) args.push('--quiet');
    for (const [key, value] of Object.entries(input.settings)) args.push('-e', `${key}=${value}`);
    args.push(this.#bundle);
    return new Promise((resolve) => {
      const child = spawn(this.#bin, args, { stdio: 'inherit' });
      input.onPid?.(child.pid);
      const forward = (): void => {
        child.kill('SIGINT');
      };
      if (input.signal.aborted) forward();
      else input.signal.addEventListener('abort', forward, { once: true });
      child.on('error', (error) => {
        input.signal.removeEventListener('abort', forward);
        resolve({ exitCode: 255, reason: `${this.#bin}: ${error.message}` });
      });
      child.on('close', (code, signal) => {
        input.signal.removeEventListener('abort', forward);
        const exitCode = code ?? 255;
        resolve({ exitCode, ...(signal ? { reason: `${this.#bin} was killed by ${signal}` } : {}) });
      });
    });
  }
}
