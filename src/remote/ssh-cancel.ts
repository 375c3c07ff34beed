// Cancelling a command over SSH. sshd starts each session's shell with setsid, so that shell's pid leads the
// command's process group; a cancellable command prints it first, and an abort kills the group over a second
// channel (sshd ignores signal requests for root sessions, and closing a channel leaves the command running).
import type { Client } from 'ssh2';

/** The shell words that print the group leader's pid before the command line replaces the shell. */
export function reportGroupLeader(commandLine: string): string {
  return `echo $$; exec ${commandLine}`;
}

/** The group leader's pid printed first on stdout, once its whole line has arrived. */
export function groupLeaderOf(stdout: string): string | undefined {
  return /^(\d+)\n/.exec(stdout)?.[1];
}

/** Stdout without the line reportGroupLeader added. */
export function withoutGroupLeader(stdout: string): string {
  return groupLeaderOf(stdout) === undefined ? stdout : stdout.slice(stdout.indexOf('\n') + 1);
}

/** Kills the process group led by `pid` on the host; settles when that command has ended, or after `waitMs`. */
export function killRemoteGroup(client: Client, pid: string, waitMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, waitMs);
    const finish = (): void => {
      clearTimeout(timer);
      resolve();
    };
    client.exec(`kill -s KILL -- -${pid}`, (error, stream) => {
      if (error) return finish();
      stream.on('close', finish).resume();
      stream.stderr.resume();
      stream.end();
    });
  });
}
