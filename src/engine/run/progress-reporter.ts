import type { ScenarioProgress } from '../execution/runtime-types.ts';
import { formatProgressLine, type RunCounters } from './progress-line.ts';

export interface ProgressOptions {
  quiet: boolean;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  intervalMs: number | undefined;
  elapsedMs: () => number;
  scenarios: () => ScenarioProgress[];
  counters: () => RunCounters;
}

/** The live line: redrawn in place every second on a terminal, a plain line every 10 s in a log. */
export function startProgress(options: ProgressOptions): { stop(): void } {
  if (options.quiet) return { stop: () => undefined };
  const tty = options.stderr.isTTY === true;
  const interval = options.intervalMs ?? (tty ? 1000 : 10_000);
  let drawn = false;
  const draw = (final = false): void => {
    const counters = options.counters();
    // The last line shows the whole run's rate: the recent window is idle once the load has stopped.
    const shown = final
      ? {
          ...counters,
          recentRequests: counters.requests,
          recentOutputTokens: counters.outputTokens,
          recentWindowMs: counters.elapsedMs,
        }
      : counters;
    const line = formatProgressLine(options.scenarios(), shown);
    options.stderr.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
    drawn = true;
  };
  const timer = setInterval(() => draw(), interval);
  timer.unref();
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      if (drawn || !tty) draw(true);
      if (tty) options.stderr.write('\n');
    },
  };
}
