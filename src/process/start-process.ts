// A long-running process (a server, k6, a sampler) started through execa: its output handed over as it arrives
// with only a tail kept, stopped by a signal to it or to its whole group, its end reported and never thrown.
import { execa, type Options } from 'execa';
import { exitStatusOf } from './exit-status.ts';
import { killProcessGroup } from './kill-group.ts';

/** Where an output goes: to the callbacks and the kept tail, the terminal, nowhere, or a file descriptor. */
export type OutputTarget = 'pipe' | 'inherit' | 'ignore' | number;

export interface StartOptions {
  /** Added to this process's environment. */
  env?: Record<string, string>;
  cwd?: string;
  /** 'pipe': write() sends text to it (a probe that answers each line). */
  stdin?: 'ignore' | 'inherit' | 'pipe';
  stdout?: OutputTarget;
  stderr?: OutputTarget;
  onStdout?: (chunk: string) => void;
  onStderr?: (chunk: string) => void;
  /** Its own process group: stop() signals its children too, and a terminal's Ctrl-C does not reach it. */
  group?: boolean;
  /** Sends `stopSignal` (default SIGTERM) when this aborts: k6 gets SIGINT, as Ctrl-C would send it. */
  signal?: AbortSignal;
  stopSignal?: NodeJS.Signals;
}

export interface ProcessExit {
  /** The exit status; 128 + N when killed by signal N; 126 or 127 when it could not be started. */
  code: number;
  signal?: NodeJS.Signals;
  /** The last KEPT_OUTPUT characters of each piped output. */
  stdout: string;
  stderr: string;
  /** Why the program could not be started, when it could not. */
  startError?: string;
}

export interface RunningProcess {
  /** Undefined when the program could not be started. */
  readonly pid: number | undefined;
  /** Settles when the process has ended; never rejects. */
  readonly done: Promise<ProcessExit>;
  /** Signals the process, or its whole group when started as one (default SIGTERM). */
  stop(signal?: NodeJS.Signals): void;
  /** Lets this Node process exit while it runs: a server left running for later commands. */
  unref(): void;
  /** Writes to its standard input (started with stdin 'pipe'; otherwise nothing happens). */
  write(text: string): void;
}

/** How much of each piped output is kept for ProcessExit: a sampler may write for hours. */
export const KEPT_OUTPUT = 64 * 1024;

/** Starts argv (no shell) and returns at once; the process runs until it ends or is stopped. */
export function startProcess(argv: readonly string[], options: StartOptions = {}): RunningProcess {
  const [program, ...args] = argv;
  if (program === undefined) throw new Error('start needs a command: argv is empty');
  const group = options.group ?? false;
  const subprocess = execa(program, args, {
    reject: false,
    buffer: false,
    detached: group,
    stdin: options.stdin ?? 'ignore',
    stdout: asOutput(options.stdout),
    stderr: asOutput(options.stderr),
    ...(options.env ? { env: options.env } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  let stdout = '';
  let stderr = '';
  subprocess.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout = (stdout + chunk).slice(-KEPT_OUTPUT);
    options.onStdout?.(chunk);
  });
  subprocess.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-KEPT_OUTPUT);
    options.onStderr?.(chunk);
  });
  const stop = (signal: NodeJS.Signals = 'SIGTERM'): void => {
    if (group) killProcessGroup(subprocess.pid, signal);
    else subprocess.kill(signal);
  };
  const onAbort = (): void => stop(options.stopSignal);
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  const done = subprocess.then((result): ProcessExit => {
    options.signal?.removeEventListener('abort', onAbort);
    const status = exitStatusOf(result, program);
    const startError = status ? status.startError : `${program}: ${result.shortMessage ?? 'failed to run'}`;
    return {
      code: status?.code ?? 1,
      ...(result.signal ? { signal: result.signal } : {}),
      stdout,
      stderr,
      ...(startError ? { startError } : {}),
    };
  });
  subprocess.stdin?.on('error', () => undefined); // a probe that ended: its exit says why
  return {
    pid: subprocess.pid,
    done,
    stop,
    unref: () => subprocess.unref(),
    write: (text) => void subprocess.stdin?.write(text),
  };
}

// execa hands a file descriptor to spawn as it is (the server then writes its log with no pipe through us), but
// its types list only 1 and 2.
function asOutput(target: OutputTarget = 'pipe'): Options['stdout'] {
  return target as Options['stdout'];
}
