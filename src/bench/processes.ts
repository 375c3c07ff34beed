import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { projectRoot } from '../util/paths.ts';

export interface BenchServer {
  url: string;
  process: ChildProcess;
  stop(): void;
}

/** Starts src/bench/bench-server.ts in its own process and waits for the port it prints. */
export async function startBenchServer(mode: 'trivial' | 'sse' | 'timed'): Promise<BenchServer> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(projectRoot, 'src/bench/bench-server.ts'), mode],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const port = await new Promise<number>((resolve, reject) => {
    lines.once('line', (line) => resolve(Number(line)));
    child.once('exit', (code) => reject(new Error(`bench server (${mode}) exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, process: child, stop: () => child.kill('SIGTERM') };
}

export interface ChildRun {
  code: number | null;
  stderr: string;
  /** The engine process's own peak resident memory and CPU time (process.resourceUsage() at its end). */
  peakRssBytes: number;
  cpuSeconds: number;
}

/** Runs `inferload k6 run ARGS` as a user would; the engine reports its resource usage on exit. */
export function runEngine(args: string[]): Promise<ChildRun> {
  const usageFile = join(mkdtempSync(join(tmpdir(), 'inferload-rusage-')), 'usage.json');
  const child = spawn(
    process.execPath,
    [join(projectRoot, 'bin/inferload.js'), 'k6', 'run', '--quiet', ...args],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, INFERLOAD_RUSAGE_FILE: usageFile },
    },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      let usage = { maxRSS: 0, userCPUTime: 0, systemCPUTime: 0 };
      try {
        usage = JSON.parse(readFileSync(usageFile, 'utf8')) as typeof usage;
      } catch {
        // the engine died before writing it: reported as zero, and the run's exit code says why
      }
      resolve({
        code,
        stderr,
        peakRssBytes: usage.maxRSS * 1024,
        cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
      });
    });
  });
}
