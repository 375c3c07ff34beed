import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../process/run-command.ts';
import { splitLines } from '../process/split-lines.ts';
import { startProcess } from '../process/start-process.ts';
import { projectRoot } from '../util/paths.ts';

export interface BenchServer {
  url: string;
  pid: number | undefined;
  stop(): void;
}

/** Starts src/perf/bench-server.ts in its own process and waits for the port it prints. */
export async function startBenchServer(mode: 'trivial' | 'sse' | 'timed'): Promise<BenchServer> {
  let portLine: (line: string) => void = () => undefined;
  const firstLine = new Promise<string>((resolve) => (portLine = resolve));
  const lines = splitLines((line) => portLine(line));
  const server = startProcess(
    [process.execPath, '--import', 'tsx', join(projectRoot, 'src/perf/bench-server.ts'), mode],
    { stderr: 'inherit', onStdout: (chunk) => lines.write(chunk) },
  );
  const exited = server.done.then((exit) => {
    throw new Error(`bench server (${mode}) exited with ${exit.startError ?? exit.code}`);
  });
  // Once the port is read, its end (when stopped) rejects `exited` with no one waiting: race handled it.
  const port = Number(await Promise.race([firstLine, exited]));
  return { url: `http://127.0.0.1:${port}`, pid: server.pid, stop: () => server.stop('SIGTERM') };
}

export interface ChildRun {
  code: number;
  stderr: string;
  /** The engine process's own peak resident memory and CPU time (process.resourceUsage() at its end). */
  peakRssBytes: number;
  cpuSeconds: number;
}

/** Runs `inferload k6 run ARGS` as a user would; the engine reports its resource usage on exit. */
export async function runEngine(args: string[]): Promise<ChildRun> {
  const usageFile = join(mkdtempSync(join(tmpdir(), 'inferload-rusage-')), 'usage.json');
  const run = await runCommand(
    [process.execPath, join(projectRoot, 'bin/inferload.js'), 'k6', 'run', '--quiet', ...args],
    { env: { INFERLOAD_RUSAGE_FILE: usageFile } },
  );
  let usage = { maxRSS: 0, userCPUTime: 0, systemCPUTime: 0 };
  try {
    usage = JSON.parse(readFileSync(usageFile, 'utf8')) as typeof usage;
  } catch {
    // the engine died before writing it: reported as zero, and the run's exit code says why
  }
  return {
    code: run.code,
    stderr: run.stderr,
    peakRssBytes: usage.maxRSS * 1024,
    cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
  };
}
