// The `local` host: the same RemoteSession contract through the process layer (argv, no shell) and fs.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { runCommand } from '../process/run-command.ts';
import { startProcess } from '../process/start-process.ts';
import { prefixEnv } from './env-prefix.ts';
import { expandHome } from './expand-home.ts';
import { createRedactor, type LogLine } from './redact.ts';
import { redactError } from './redact-error.ts';
import { quoteArgv } from './shell-quote.ts';
import { DEFAULT_UPLOAD_MODE, type RemoteSession, type StreamingCommand } from './session.ts';

// What a streaming command's result keeps of its stderr, as the SSH session does.
const STREAM_STDERR_KEPT = 8192;

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
      const result = await runCommand(argv, options).catch((error: unknown) => {
        throw redactError(redactor, error);
      });
      logLine(`[local] exit ${result.code}`);
      return result;
    },
    stream(argv, onStdout, options = {}) {
      redactor.addArgv(argv);
      logLine(`[local] $ ${quoteArgv(argv)} (streaming)`);
      return streamLocal(argv, onStdout, options.stdin ?? false);
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

function streamLocal(argv: string[], onStdout: (chunk: string) => void, stdin: boolean): StreamingCommand {
  if (argv.length === 0) throw new Error('stream needs a command: argv is empty');
  const running = startProcess(argv, { group: true, onStdout, ...(stdin ? { stdin: 'pipe' as const } : {}) });
  const done = running.done.then((exit) => ({
    code: exit.code,
    stdout: '',
    stderr: (exit.startError ? `${exit.stderr}${exit.startError}\n` : exit.stderr).slice(-STREAM_STDERR_KEPT),
  }));
  return {
    done,
    stop: () => running.stop('SIGTERM'),
    ...(stdin ? { write: (text: string) => running.write(text) } : {}),
  };
}
