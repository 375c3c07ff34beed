// make bench's soak row: the engine runs the light profile's bundle with streaming VUs for minutes against the
// timed bench server while its RSS is read from /proc; the least-squares slope after a warm-up is the figure.
import { join } from 'node:path';
import { readRssBytes } from '../diagnose/soak/process-rss.ts';
import { computeSlope } from '../diagnose/soak/trend.ts';
import { startProcess } from '../process/start-process.ts';
import { projectRoot } from '../util/paths.ts';
import { startBenchServer } from './processes.ts';

export interface SoakMeasure {
  vus: number;
  minutes: number;
  /** RSS samples: seconds since the engine started, bytes. */
  samples: { s: number; rssBytes: number }[];
  /** Samples before this second are the warm-up (JIT, heap sizing) and not in the slope. */
  warmupSeconds: number;
  slopeBytesPerMinute: number;
  /** The slope of the lowest RSS in each tenth of the steady span: the floor garbage collection returns to. */
  floorSlopeBytesPerMinute: number;
  firstBytes: number;
  lastBytes: number;
  peakBytes: number;
}

/** Seconds of start-up left out of the slope: a minute, or a fifth of a shorter run. */
export function chooseWarmup(minutes: number): number {
  return Math.min(60, (minutes * 60) / 5);
}

/** The RSS slope (bytes per minute) of the samples after the warm-up. */
export function computeRssSlope(
  samples: readonly { s: number; rssBytes: number }[],
  warmupSeconds: number,
): number {
  const steady = samples.filter((p) => p.s >= warmupSeconds);
  return (
    computeSlope(
      steady.map((p) => p.rssBytes),
      steady.map((p) => p.s),
    ) * 60
  );
}

/** The slope (bytes per minute) of the lowest sample in each of `parts` equal slices after the warm-up. */
export function computeFloorSlope(
  samples: readonly { s: number; rssBytes: number }[],
  warmupSeconds: number,
  parts = 10,
): number {
  const steady = samples.filter((p) => p.s >= warmupSeconds);
  const first = steady[0];
  const last = steady.at(-1);
  if (!first || !last || last.s <= first.s) return 0;
  const width = (last.s - first.s) / parts;
  const floors: { s: number; rssBytes: number }[] = [];
  for (let i = 0; i < parts; i++) {
    const from = first.s + i * width;
    const slice = steady.filter((p) => p.s >= from && (p.s < from + width || i === parts - 1));
    if (slice.length > 0)
      floors.push({ s: from + width / 2, rssBytes: Math.min(...slice.map((p) => p.rssBytes)) });
  }
  return computeRssSlope(floors, 0);
}

/** Runs `vus` streaming VUs for `minutes`, sampling the engine's RSS every `everyMs`; `onSample` sees each. */
export async function measureSoak(
  vus: number,
  minutes: number,
  onSample: (s: number, rssBytes: number) => void = () => undefined,
  everyMs = 5000,
): Promise<SoakMeasure> {
  const server = await startBenchServer('timed');
  const bundle = join(projectRoot, 'dist/k6/light.js');
  const samples: SoakMeasure['samples'] = [];
  try {
    const args = ['k6', 'run', '--quiet', '-u', String(vus), '-d', `${minutes * 60}s`, '--no-thresholds'];
    const engine = startProcess(
      [
        process.execPath,
        join(projectRoot, 'bin/inferload.js'),
        ...args,
        '-e',
        `TARGET_URL=${server.url}`,
        bundle,
      ],
      { stdout: 'ignore' },
    );
    const started = performance.now();
    const timer = setInterval(() => {
      const rss = engine.pid === undefined ? undefined : readRssBytes(engine.pid);
      if (rss === undefined) return;
      const s = (performance.now() - started) / 1000;
      samples.push({ s, rssBytes: rss });
      onSample(s, rss);
    }, everyMs);
    const exit = await engine.done;
    clearInterval(timer);
    if (exit.code !== 0) throw new Error(`soak engine run failed (${exit.code}): ${exit.stderr.slice(-800)}`);
  } finally {
    server.stop();
  }
  const warmupSeconds = chooseWarmup(minutes);
  const steady = samples.filter((p) => p.s >= warmupSeconds);
  if (steady.length < 3) throw new Error(`soak: only ${steady.length} RSS samples after the warm-up`);
  return {
    vus,
    minutes,
    samples,
    warmupSeconds,
    slopeBytesPerMinute: computeRssSlope(samples, warmupSeconds),
    floorSlopeBytesPerMinute: computeFloorSlope(samples, warmupSeconds),
    firstBytes: steady[0]?.rssBytes ?? 0,
    lastBytes: steady.at(-1)?.rssBytes ?? 0,
    peakBytes: Math.max(...samples.map((p) => p.rssBytes)),
  };
}
