import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../util/paths.ts';
import { runEngine, startBenchServer } from './processes.ts';
import { runCommandSync } from '../process/run-command-sync.ts';

type Metrics = Record<string, Record<string, number>>;
const script = (name: string): string => join(projectRoot, 'src/perf/scripts', name);

async function engineSummary(
  args: string[],
): Promise<{ metrics: Metrics; peakRssBytes: number; cpuSeconds: number }> {
  const out = join(mkdtempSync(join(tmpdir(), 'inferload-bench-')), 'summary.json');
  const run = await runEngine(['--summary-export', out, ...args]);
  if (run.code !== 0) throw new Error(`engine run failed (${run.code}): ${run.stderr.slice(-800)}`);
  const metrics = (JSON.parse(readFileSync(out, 'utf8')) as { metrics: Metrics }).metrics;
  return { metrics, peakRssBytes: run.peakRssBytes, cpuSeconds: run.cpuSeconds };
}

/** Requests/s at `vus` connections: wrk, then the engine, against the same trivial server. */
export async function measureHttp(
  vus: number,
  seconds: number,
  scriptName = 'http.js',
): Promise<{ wrk: number; engine: number }> {
  const server = await startBenchServer('trivial');
  try {
    const wrk = runCommandSync(['wrk', '-t1', `-c${vus}`, `-d${seconds}s`, `${server.url}/`]);
    if (wrk.code !== 0) throw new Error(`wrk failed: ${wrk.stderr}`);
    const wrkRate = Number(/Requests\/sec:\s+([\d.]+)/.exec(wrk.stdout)?.[1] ?? NaN);
    const run = await engineSummary([
      '-u',
      String(vus),
      '-d',
      `${seconds}s`,
      '-e',
      `URL=${server.url}/`,
      script(scriptName),
    ]);
    return { wrk: wrkRate, engine: run.metrics['http_reqs']?.['rate'] ?? 0 };
  } finally {
    server.stop();
  }
}

/** SSE events per second and the engine process's CPU per event (its whole CPU time, start-up included). */
export async function measureSse(
  events: number,
  scriptName = 'sse.js',
): Promise<{ eventsPerSecond: number; cpuMicrosPerEvent: number }> {
  const server = await startBenchServer('sse');
  try {
    const rounds = 3;
    const run = await engineSummary([
      '-e',
      `URL=${server.url}/?n=${events}&batch=1000`,
      '-e',
      `ROUNDS=${rounds}`,
      script(scriptName),
    ]);
    const seen = run.metrics['bench_events']?.['count'] ?? 0;
    const seconds = ((run.metrics['iteration_duration']?.['avg'] ?? 0) * rounds) / 1000;
    return { eventsPerSecond: seen / seconds, cpuMicrosPerEvent: (run.cpuSeconds * 1e6) / seen };
  } finally {
    server.stop();
  }
}

/** Peak RSS of the engine running the light profile's bundle with `vus` VUs, each mostly inside a stream. */
export async function measureMemory(vus: number, seconds: number): Promise<number> {
  const server = await startBenchServer('timed');
  try {
    const bundle = join(projectRoot, 'dist/k6/light.js');
    const run = await engineSummary([
      '-u',
      String(vus),
      '-d',
      `${seconds}s`,
      '--no-thresholds',
      '-e',
      `TARGET_URL=${server.url}`,
      bundle,
    ]);
    return run.peakRssBytes;
  } finally {
    server.stop();
  }
}

/**
 * TTFT and ITL error (when the client saw an event minus when the server wrote it) at `streams` concurrent
 * streams, in ms. After a warm-up run, `repeats` runs; each statistic is the median of the runs' values, so
 * one run's stall from a neighbour on this shared box does not decide the table.
 */
export async function measureAccuracy(
  streams: number,
  repeats = 3,
): Promise<{ ttft: Record<string, number>; itl: Record<string, number> }> {
  const server = await startBenchServer('timed');
  const runs: { ttft: Record<string, number>; itl: Record<string, number> }[] = [];
  try {
    // One run first, discarded: a cold server's JIT and GC threads take the 2-core box's CPU from the
    // client and showed up as 15-30 ms tails in the first run only.
    for (let i = 0; i <= repeats; i++) {
      const run = await engineSummary([
        '-u',
        String(streams),
        '-i',
        String(streams * 5),
        '--summary-trend-stats',
        'med,p(99),max,count',
        '-e',
        `URL=${server.url}/?tokens=30`,
        script('accuracy.js'),
      ]);
      if (i > 0)
        runs.push({ ttft: run.metrics['ttft_error_ms'] ?? {}, itl: run.metrics['itl_error_ms'] ?? {} });
    }
  } finally {
    server.stop();
  }
  return { ttft: medianOfRuns(runs.map((r) => r.ttft)), itl: medianOfRuns(runs.map((r) => r.itl)) };
}

function medianOfRuns(runs: Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of Object.keys(runs[0] ?? {})) {
    const values = runs.map((r) => r[key] ?? NaN).sort((a, b) => a - b);
    out[key] =
      key === 'count' ? values.reduce((a, b) => a + b, 0) : (values[Math.floor(values.length / 2)] ?? NaN);
  }
  return out;
}
