// The one interface deploys talk to, whether the host is this machine or one reached over SSH. Both sessions
// keep the process layer's contract: a timeout rejects with CommandTimeoutError, an abort with
// CommandCanceledError, and either kills the command's whole process group on its host.
import type { CommandRunner, ExecOptions, ExecResult } from '../process/command-runner.ts';

export type { ExecOptions, ExecResult };

/** A long-running command whose standard output is handed over as it arrives (a sampler, a log follower). */
export interface StreamingCommand {
  /** Settles when the command has ended, by itself or after stop(); stdout went to the callback, not here. */
  readonly done: Promise<ExecResult>;
  /** Ends the command: its process group locally; over SSH the channel, so its next write fails (SIGPIPE). */
  stop(): void;
  /** Writes to its standard input, when started with `{ stdin: true }` (a probe answering each line). */
  write?: (text: string) => void;
}

export interface StreamOptions {
  /** Keep its standard input open for write() (else it is closed at once). */
  stdin?: boolean;
}

export interface RemoteSession extends CommandRunner {
  /** The host's name as configured (`local` for this machine). */
  readonly host: string;
  /** Runs argv with every element as one literal argument; never a raw command string. */
  exec(argv: string[], options?: ExecOptions): Promise<ExecResult>;
  /** Starts argv (each element one literal argument) and hands its stdout to `onStdout` chunk by chunk. */
  stream(argv: string[], onStdout: (chunk: string) => void, options?: StreamOptions): StreamingCommand;
  /** Writes a file atomically (temporary name, then rename), creating missing parent folders. */
  upload(content: string | Buffer, remotePath: string, mode?: number): Promise<void>;
  /** A file's text, or undefined when it does not exist. */
  readFile(remotePath: string): Promise<string | undefined>;
  close(): Promise<void>;
}

/** Mode of uploaded files when none is given. */
export const DEFAULT_UPLOAD_MODE = 0o644;
