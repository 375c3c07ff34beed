// A private llama-server from Debian sid's packages, installed by scripts/setup-llama.sh under the cache folder.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { splitLines } from '../process/split-lines.ts';
import { startProcess } from '../process/start-process.ts';
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
export async function installLlamaServer(opts: LlamaInstallOptions = {}): Promise<LlamaInstallResult> {
  const stderrLines: string[] = [];
  const progress = splitLines((line) => {
    stderrLines.push(line);
    opts.onProgress?.(line);
  });
  const script = startProcess(['bash', SCRIPT, ...(opts.force ? ['--force'] : [])], {
    onStderr: (chunk) => progress.write(chunk),
  });
  const exit = await script.done;
  progress.end();
  if (exit.startError !== undefined) throw new Error(`scripts/setup-llama.sh: ${exit.startError}`);
  if (exit.code === 0) {
    const launcher = exit.stdout.trim().split('\n').at(-1) ?? llamaPaths().launcher;
    const backend = readFileSync(llamaPaths().backendFile, 'utf8').trim();
    return { ok: true, launcher, backend };
  }
  if (exit.code === EXIT_UNAVAILABLE) {
    const why = stderrLines.findLast((line) => line.includes('unavailable: ')) ?? stderrLines.at(-1) ?? '';
    return { ok: false, reason: why.replace(/^.*unavailable: /, '') || 'setup-llama.sh exited 10' };
  }
  const tail = stderrLines.slice(-10).join('\n');
  throw new Error(`scripts/setup-llama.sh failed (${exit.signal ?? `exit ${exit.code}`}):\n${tail}`);
}
