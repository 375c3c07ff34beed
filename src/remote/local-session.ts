// The `local` host: the same RemoteSession contract with child_process (argv, no shell) and fs.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { constants } from 'node:os';
import { UserError } from '../util/errors.ts';
import { prefixEnv } from './env-prefix.ts';
import { expandHome } from './expand-home.ts';
import { createRedactor, type LogLine } from './redact.ts';
import { quoteArgv } from './shell-quote.ts';
import {
  DEFAULT_UPLOAD_MODE,
  type ExecOptions,
  type ExecResult,
  type RemoteSession,
  type StreamingCommand,
} from './session.ts';

/** Opens a session on this machine; `log` receives redacted lines. */
export function createLocalSession(log: LogLine = () => {}): RemoteSession {
  const redactor = createRedactor();
  const logLine = redactor.wrap(log);
  return {
    host: 'local',
    async exec(argv, options = {}) {
      redactor.addEnv(options.env ?? {});
      redactor.addArgv(argv);
      logLine(`[local] $ ${quoteArgv(prefixEnv(argv, options.env))}`);
      const result = await runLocal(argv, options).catch((error: unknown) => {
        throw error instanceof Error ? new UserError(redactor.redact(error.message)) : error;
      });
      logLine(`[local] exit ${result.code}`);
      return result;
    },
    stream(argv, onStdout) {
      redactor.addArgv(argv);
      logLine(`[local] $ ${quoteArgv(argv)} (streaming)`);
      return streamLocal(argv, onStdout);
    },
    async upload(content, remotePath, mode = DEFAULT_UPLOAD_MODE) {
      const path = expandHome(remotePath);
      logLine(`[local] upload ${path} (mode ${mode.toString(8)})`);
      await mkdir(dirname(path), { recursive: true });
      const temp = `${path}.inferload-${randomBytes(4).toString('hex')}`;
      try {
        // Private until renamed: content is complete and its mode final before it appears under the name.
        await writeFile(temp, content, { mode: 0o600 });
        await chmod(temp, mode);
        await rename(temp, path);
      } finally {
        await rm(temp, { force: true });
      }
    },
    async readFile(remotePath) {
      try {
        return await readFile(expandHome(remotePath), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async close() {},
  };
}

function runLocal(argv: string[], options: ExecOptions): Promise<ExecResult> {
  const [command, ...args] = argv;
  if (command === undefined) return Promise.reject(new Error('exec needs a command: argv is empty'));
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group, so a timeout kills the command's children too (as `timeout` does over SSH).
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            killGroup(child.pid);
            reject(new Error(`Command timed out after ${options.timeoutMs} ms on local`));
          }, options.timeoutMs);
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      // Same answers a shell gives over SSH, so callers see one contract.
      if (error.code === 'ENOENT') resolve({ code: 127, stdout, stderr: `${command}: not found\n` });
      else if (error.code === 'EACCES')
        resolve({ code: 126, stdout, stderr: `${command}: Permission denied\n` });
      else reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? 128 + (signal ? constants.signals[signal] : 0), stdout, stderr });
    });
    // A command that ignores stdin may close it first; that is not an error.
    child.stdin.on('error', () => {});
    child.stdin.end(options.stdin ?? '');
  });
}

function streamLocal(argv: string[], onStdout: (chunk: string) => void): StreamingCommand {
  const [command, ...args] = argv;
  if (command === undefined) throw new Error('stream needs a command: argv is empty');
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', onStdout);
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-8192)));
  const done = new Promise<ExecResult>((resolve) => {
    child.on('error', (error) =>
      resolve({ code: 127, stdout: '', stderr: `${command}: ${error.message}\n` }),
    );
    child.on('close', (code, signal) =>
      resolve({ code: code ?? 128 + (signal ? constants.signals[signal] : 0), stdout: '', stderr }),
    );
  });
  return { done, stop: () => killGroup(child.pid, 'SIGTERM') };
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
