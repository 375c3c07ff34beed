// The leak detector over time: a least-squares slope of a memory series (the server's RSS, or GPU VRAM + GTT)
// and the growth it adds up to over the span; a leak needs both to reach their limits.
import type { SoakThresholds } from './soak-thresholds.ts';
import { computeSlope } from './trend.ts';

/** A memory reading: seconds since the run started, bytes. */
export interface MemoryReading {
  readonly t: number;
  readonly bytes: number;
}

export interface MemoryTrend {
  readonly verdict: 'flat' | 'leak' | 'not judged';
  /** What was measured: "server RSS (pid 123)", "GPU memory (VRAM + GTT, 1 GPU)". */
  readonly what: string;
  readonly reason: string;
  readonly samples: number;
  readonly slopeMbPerMin?: number;
  /** The slope times the span: what the fitted line grew by. */
  readonly growthMb?: number;
  readonly firstMb?: number;
  readonly lastMb?: number;
  readonly peakMb?: number;
  readonly limits: { slopeMbPerMin: number; growthMb: number };
}

const MB = 1024 ** 2;
const round = (x: number): number => Math.round(x * 100) / 100;

/** Judges `readings` (in time order) against the memory limits; fewer than 3 readings spanning 2 s are not judged. */
export function judgeMemoryTrend(
  what: string,
  readings: readonly MemoryReading[],
  t: Pick<SoakThresholds, 'memorySlopeMbPerMin' | 'memoryGrowthMb'>,
): MemoryTrend {
  const limits = { slopeMbPerMin: t.memorySlopeMbPerMin, growthMb: t.memoryGrowthMb };
  const first = readings[0];
  const last = readings.at(-1);
  if (!first || !last || readings.length < 3 || last.t - first.t < 2)
    return {
      verdict: 'not judged',
      what,
      reason: `${readings.length} reading(s) of ${what}: too few to judge a trend`,
      samples: readings.length,
      limits,
    };
  const slopeMbPerMin =
    (computeSlope(
      readings.map((r) => r.bytes),
      readings.map((r) => r.t),
    ) *
      60) /
    MB;
  const growthMb = (slopeMbPerMin * (last.t - first.t)) / 60;
  const figures = {
    samples: readings.length,
    slopeMbPerMin: round(slopeMbPerMin),
    growthMb: round(growthMb),
    firstMb: round(first.bytes / MB),
    lastMb: round(last.bytes / MB),
    peakMb: round(Math.max(...readings.map((r) => r.bytes)) / MB),
    limits,
  };
  const numbers = `${slopeMbPerMin.toFixed(2)} MB/min, ${growthMb.toFixed(1)} MB over ${(last.t - first.t).toFixed(0)} s (${figures.firstMb} -> ${figures.lastMb} MB, peak ${figures.peakMb} MB)`;
  const leak = slopeMbPerMin >= limits.slopeMbPerMin && growthMb >= limits.growthMb;
  return {
    verdict: leak ? 'leak' : 'flat',
    what,
    reason: `${what} ${leak ? 'grew' : 'held'}: ${numbers}; a leak is >= ${limits.slopeMbPerMin} MB/min and >= ${limits.growthMb} MB`,
    ...figures,
  };
}
