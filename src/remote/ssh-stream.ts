// A long-running command over an SSH channel (a sampler): stdout handed over as it arrives, stop() closes
// the channel so the command's next write fails (SIGPIPE).
import { constants } from 'node:os';
import type { Client } from 'ssh2';
import { UserError } from '../util/errors.ts';
import type { ExecResult, StreamingCommand } from './session.ts';
import { buildCommandLine } from './ssh-exec.ts';

// What the result keeps of the command's stderr.
const STDERR_KEPT = 8192;

/** Starts argv on an open connection, handing stdout over as it arrives; stop() closes the channel. */
export function streamOverSsh(
  client: Client,
  argv: readonly string[],
  onStdout: (chunk: string) => void,
  where: string,
  keepStdin = false,
): StreamingCommand {
  let close: () => void = () => {};
  let channel: { write(text: string): unknown } | undefined;
  const pending: string[] = [];
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
        .on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-STDERR_KEPT)));
      stream.on('close', (code: number | null | undefined, signal: string | undefined) => {
        const number = signal === undefined ? undefined : constants.signals[signal as NodeJS.Signals];
        resolve({ code: typeof code === 'number' ? code : 128 + (number ?? 1), stdout: '', stderr });
      });
      if (!keepStdin) return void stream.end();
      channel = stream;
      for (const text of pending.splice(0)) stream.write(text);
    });
  });
  return {
    done,
    stop() {
      stopped = true;
      close();
    },
    ...(keepStdin
      ? { write: (text: string) => void (channel ? channel.write(text) : pending.push(text)) }
      : {}),
  };
}
