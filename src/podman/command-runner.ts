// How the podman driver reaches a host: argv arrays in, exit code and output back (locally or over SSH).

export interface ExecOptions {
  /** Written to the command's standard input, which is then closed. */
  stdin?: string;
  /** Kills the command after this long; the result then has code 124, like coreutils' `timeout`. */
  timeoutMs?: number;
  /** Added to the runner's environment for this command only. */
  env?: Record<string, string>;
}

export interface ExecResult {
  /** The exit status; 128 + N for a command killed by signal N; 127 when the program cannot be started. */
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one program with its arguments, never through a shell: no argument is ever re-split or expanded. */
export interface CommandRunner {
  exec(argv: string[], options?: ExecOptions): Promise<ExecResult>;
}
