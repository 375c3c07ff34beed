import { mock } from 'node:test';
import { Command } from 'commander';

/** Runs `inferload ARGS` in-process with the given verbs registered; returns what it printed, or the error. */
export async function runCommand(
  register: (program: Command) => void,
  ...args: string[]
): Promise<{ out: string; err: string; error?: unknown }> {
  const program = new Command('inferload').exitOverride().configureOutput({ writeErr: () => {} });
  register(program);
  const out: string[] = [];
  const err: string[] = [];
  const log = mock.method(console, 'log', (line: string) => out.push(line));
  const warn = mock.method(console, 'error', (line: string) => err.push(line));
  try {
    await program.parseAsync(['node', 'inferload', ...args]);
    return { out: out.join('\n'), err: err.join('\n') };
  } catch (error) {
    return { out: out.join('\n'), err: err.join('\n'), error };
  } finally {
    log.mock.restore();
    warn.mock.restore();
  }
}
