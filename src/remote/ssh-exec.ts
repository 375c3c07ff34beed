// One command over an SSH channel: quoted argv in, exit status and output back; a timeout or an abort kills the
// command's process group on the host and rejects with the process layer's typed errors, as locally.
import { constants } from 'node:os';
import type { Client } from 'ssh2';
import { CommandCanceledError } from '../process/command-canceled-error.ts';
import { CommandTimeoutError } from '../process/command-timeout-error.ts';
import { UserError } from '../util/errors.ts';
import { prefixEnv } from './env-prefix.ts';
import type { ExecOptions, ExecResult } from './session.ts';
import { quoteArgv } from './shell-quote.ts';
import { groupLeaderOf, killRemoteGroup, reportGroupLeader, withoutGroupLeader } from './ssh-cancel.ts';

// Statuses of coreutils `timeout` when it had to stop the command (TERM, then KILL).
const TIMED_OUT_STATUSES = new Set([124, 137]);
// How long after the remote `timeout` (or an abort) we stop waiting for a host that no longer answers.
const UNRESPONSIVE_GRACE_MS = 5_000;

/**
 * The command line sshd hands to the login shell, every word quoted. A timeout is enforced on the host
 * with coreutils `timeout`, which kills the command's process group: sshd ignores signal requests for root
 * sessions ("session signalling requires privilege separation") and closing a channel leaves a command
 * without a tty running. A command that can be aborted first reports its group (ssh-cancel.ts).
 */
export function buildCommandLine(argv: readonly string[], options: ExecOptions = {}): string {
  if (argv.length === 0) throw new UserError('exec needs a command: argv is empty');
  const command = prefixEnv(argv, options.env);
  const line =
    options.timeoutMs === undefined
      ? quoteArgv(command)
      : quoteArgv(['timeout', '-k', '2', String(Math.max(options.timeoutMs, 1) / 1000), ...command]);
  return options.signal === undefined ? line : reportGroupLeader(line);
}

/** Runs argv on an open connection; `where` names the host in errors. */
export function execOverSsh(
  client: Client,
  argv: readonly string[],
  options: ExecOptions,
  where: string,
): Promise<ExecResult> {
  const { signal, timeoutMs } = options;
  if (signal?.aborted) return Promise.reject(new CommandCanceledError(argv, where, signal.reason));
  const command = buildCommandLine(argv, options);
  const timedOut = () => new CommandTimeoutError(argv, timeoutMs ?? 0, where);
  return new Promise((resolve, reject) => {
    client.exec(command, (error, stream) => {
      if (error) return reject(new UserError(`Cannot start a command on ${where}: ${error.message}`));
      const started = Date.now();
      let stdout = '';
      let stderr = '';
      let killing = false;
      let abortGuard: NodeJS.Timeout | undefined;
      // On abort, once the group leader's line is in (it comes first, so at once or with the next chunk).
      const killGroup = (): void => {
        if (!signal?.aborted || killing) return;
        const leader = groupLeaderOf(stdout);
        if (leader === undefined) return;
        killing = true;
        void killRemoteGroup(client, leader, UNRESPONSIVE_GRACE_MS).then(() => stream.close());
      };
      const onAbort = (): void => {
        killGroup();
        abortGuard = setTimeout(() => stream.close(), UNRESPONSIVE_GRACE_MS);
      };
      stream.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        killGroup();
      });
      stream.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      signal?.addEventListener('abort', onAbort, { once: true });
      if (signal?.aborted) onAbort();
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              stream.close();
              reject(timedOut());
            }, timeoutMs + UNRESPONSIVE_GRACE_MS);
      // ssh2 passes the signal name with its SIG prefix when the command died of one.
      stream.on('close', (code: number | null | undefined, signalName: string | undefined) => {
        clearTimeout(timer);
        clearTimeout(abortGuard);
        signal?.removeEventListener('abort', onAbort);
        if (signal?.aborted) return reject(new CommandCanceledError(argv, where, signal.reason));
        const output = signal === undefined ? stdout : withoutGroupLeader(stdout);
        const ranOut = timeoutMs !== undefined && Date.now() - started >= timeoutMs;
        if (typeof code === 'number' && ranOut && TIMED_OUT_STATUSES.has(code)) return reject(timedOut());
        if (typeof code === 'number') return resolve({ code, stdout: output, stderr });
        const number = signalName === undefined ? undefined : constants.signals[signalName as NodeJS.Signals];
        if (number !== undefined) return resolve({ code: 128 + number, stdout: output, stderr });
        reject(new UserError(`The connection to ${where} closed before the command reported an exit status`));
      });
      stream.end(options.stdin ?? '');
    });
  });
}
