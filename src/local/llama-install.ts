// A private llama-server from Debian sid's packages, installed by scripts/setup-llama.sh under the cache folder.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cacheDir, projectRoot } from '../util/paths.ts';

export interface LlamaPaths {
  /** The unpacked packages: usr/bin, usr/lib/x86_64-linux-gnu, ... */
  root: string;
  /** A small sh script running llama-server through sid's own loader. */
  launcher: string;
  /** Holds the chosen CPU backend variant's name, e.g. `zen4`. */
  backendFile: string;
}

export type LlamaInstallResult =
  { ok: true; launcher: string; backend: string } | { ok: false; reason: string };

export interface LlamaInstallOptions {
  /** Download and unpack again even when the stamp says it is done. */
  force?: boolean;
  /** Receives each progress line the script prints. */
  onProgress?: (line: string) => void;
}

/** The script's exit code for "cannot work on this machine": callers fall back to the simulator. */
const EXIT_UNAVAILABLE = 10;
const SCRIPT = join(projectRoot, 'scripts', 'setup-llama.sh');

function llamaDir(): string {
  return join(resolve(cacheDir()), 'llama');
}

/** Where the private install lives (under cacheDir(), which honours INFERLOAD_CACHE). */
export function llamaPaths(): LlamaPaths {
  const base = llamaDir();
  return {
    root: join(base, 'root'),
    launcher: join(base, 'bin', 'llama-server'),
    backendFile: join(base, 'backend'),
  };
}

/** Whether a finished install is present (the script writes its stamp last). */
export function isLlamaInstalled(): boolean {
  const paths = llamaPaths();
  return [paths.launcher, paths.backendFile, join(llamaDir(), 'stamp')].every((path) => existsSync(path));
}

/** Runs scripts/setup-llama.sh (quick when already installed) and reports the launcher and CPU backend. */
export function installLlamaServer(opts: LlamaInstallOptions = {}): Promise<LlamaInstallResult> {
  const args = [SCRIPT, ...(opts.force ? ['--force'] : [])];
  const child = spawn('bash', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const stderrLines: string[] = [];
  let stdout = '';
  let partial = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      stderrLines.push(line);
      opts.onProgress?.(line);
    }
  });

  return new Promise((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (partial) stderrLines.push(partial);
      if (code === 0) {
        const launcher = stdout.trim().split('\n').at(-1) ?? llamaPaths().launcher;
        const backend = readFileSync(llamaPaths().backendFile, 'utf8').trim();
        resolvePromise({ ok: true, launcher, backend });
      } else if (code === EXIT_UNAVAILABLE) {
        const why =
          stderrLines.findLast((line) => line.includes('unavailable: ')) ?? stderrLines.at(-1) ?? '';
        resolvePromise({
          ok: false,
          reason: why.replace(/^.*unavailable: /, '') || 'setup-llama.sh exited 10',
        });
      } else {
        const tail = stderrLines.slice(-10).join('\n');
        reject(new Error(`scripts/setup-llama.sh failed (${signal ?? `exit ${code}`}):\n${tail}`));
      }
    });
  });
}
