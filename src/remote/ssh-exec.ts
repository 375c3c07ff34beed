// One command over an SSH channel: quoted argv in, exit status and output back.
import { constants } from 'node:os';
import type { Client } from 'ssh2';
import { UserError } from '../util/errors.ts';
import { prefixEnv } from './env-prefix.ts';
import type { ExecOptions, ExecResult, StreamingCommand } from './session.ts';
import { quoteArgv } from './shell-quote.ts';

// Statuses of coreutils `timeout` when it had to stop the command (TERM, then KILL).
const TIMED_OUT_STATUSES = new Set([124, 137]);
// How long after the remote `timeout` we stop waiting for a host that no longer answers.
const UNRESPONSIVE_GRACE_MS = 5_000;

/**
 * The command line sshd hands to the login shell, every word quoted. A timeout is enforced on the host
 * with coreutils `timeout`: sshd ignores signal requests for root sessions ("session signalling requires
 * privilege separation") and closing a channel leaves a command without a tty running.
 */
export function buildCommandLine(argv: readonly string[], options: ExecOptions = {}): string {
  if (argv.length === 0) throw new UserError('exec needs a command: argv is empty');
  const command = prefixEnv(argv, options.env);
  if (options.timeoutMs === undefined) return quoteArgv(command);
  const seconds = String(Math.max(options.timeoutMs, 1) / 1000);
  return quoteArgv(['timeout', '-k', '2', seconds, ...command]);
}

/** Runs argv on an open connection; `where` names the host in errors. */
export function execOverSsh(
  client: Client,
  argv: readonly string[],
  options: ExecOptions,
  where: string,
): Promise<ExecResult> {
  const command = buildCommandLine(argv, options);
  const timedOut = () => new UserError(`Command timed out after ${options.timeoutMs} ms on ${where}`);
  return new Promise((resolve, reject) => {
    client.exec(command, (error, stream) => {
      if (error) return reject(new UserError(`Cannot start a command on ${where}: ${error.message}`));
      const started = Date.now();
      let stdout = '';
      let stderr = '';
      stream.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      stream.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const timer =
        options.timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              stream.close();
              reject(timedOut());
            }, options.timeoutMs + UNRESPONSIVE_GRACE_MS);
      // ssh2 passes the signal name with its SIG prefix when the command died of one.
      stream.on('close', (code: number | null | undefined, signal: string | undefined) => {
        clearTimeout(timer);
        const ranOut = options.timeoutMs !== undefined && Date.now() - started >= options.timeoutMs;
        if (typeof code === 'number' && ranOut && TIMED_OUT_STATUSES.has(code)) return reject(timedOut());
        if (typeof code === 'number') return resolve({ code, stdout, stderr });
        const number = signal === undefined ? undefined : constants.signals[signal as NodeJS.Signals];
        if (number !== undefined) return resolve({ code: 128 + number, stdout, stderr });
        reject(new UserError(`The connection to ${where} closed before the command reported an exit status`));
      });
      stream.end(options.stdin ?? '');
    });
  });
}

/** Starts argv on an open connection, handing stdout over as it arrives; stop() closes the channel. */
export function streamOverSsh(
  client: Client,
  argv: readonly string[],
  onStdout: (chunk: string) => void,
  where: string,
): StreamingCommand {
  let close: () => void = () => {};
  let stopped = false;
  const done = new Promise<ExecResult>((resolve, reject) => {
    client.exec(buildCommandLine(argv), (error, stream) => {
      if (error) return reject(new UserError(`Cannot start a command on ${where}: ${error.message}`));
      let stderr = '';
      close = () => stream.close();
      if (stopped) close();
      stream.setEncoding('utf8').on('data', onStdout);
      stream.stderr
        .setEncoding('utf8')
        .on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-8192)));
      stream.on('close', (code: number | null | undefined, signal: string | undefined) => {
        const number = signal === undefined ? undefined : constants.signals[signal as NodeJS.Signals];
        resolve({ code: typeof code === 'number' ? code : 128 + (number ?? 1), stdout: '', stderr });
      });
      stream.end();
    });
  });
  return {
    done,
    stop() {
      stopped = true;
      close();
    },
  };
}
