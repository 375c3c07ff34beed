// The one contract for running a command, on this machine or over SSH: argv in, exit status and output back.

export interface ExecOptions {
  /** Written to the command's standard input, which is then closed. */
  stdin?: string;
  /** Kills the command, its children included, and rejects with a CommandTimeoutError after this long. */
  timeoutMs?: number;
  /** Kills the command, its children included, and rejects with a CommandCanceledError when it aborts. */
  signal?: AbortSignal;
  /** Added to the environment for this command only. */
  env?: Record<string, string>;
}

export interface ExecResult {
  /** The exit status; 128 + N for a command killed by signal N; 127 when the program cannot be found. */
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one program with its arguments, never through a shell: no argument is ever re-split or expanded. */
export interface CommandRunner {
  exec(argv: string[], options?: ExecOptions): Promise<ExecResult>;
}
