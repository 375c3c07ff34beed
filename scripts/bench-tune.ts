// `make bench-tune`: the tuner against the exhaustive sweep on the simulator's response surfaces, per surface
// and seed, as a Markdown table (docs/benchmarks.md keeps the last one). Deterministic: seeded surfaces, noise.
import { cpus } from 'node:os';
import { formatTuneBench, judgeTuneBench, measureTuner, TUNE_BENCH_SEEDS } from '../src/perf/tune-bench.ts';

const seeds = process.env['TUNE_SEEDS']?.split(',').map(Number) ?? TUNE_BENCH_SEEDS;
const rows = await measureTuner(seeds);
const verdict = judgeTuneBench(rows);
console.log(
  `machine: ${cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}, seeds ${seeds.join(',')}\n`,
);
console.log(formatTuneBench(rows));
console.log(
  `\nworst tuner pick ${(verdict.worstRatio * 100).toFixed(1)}% of the true best (goal >= 95%), most load ${(verdict.mostLoad * 100).toFixed(1)}% of the exhaustive sweep's (goal <= 25%): ${verdict.ok ? 'ok' : 'MISSED'}; picks under 95% of the true best: ${verdict.misses} of ${rows.length}, under 95% of the exhaustive sweep's own pick: ${verdict.missesAgainstExhaustive}; the exhaustive sweep's own pick missed 5% of the best ${verdict.exhaustiveMisses} time(s)`,
);
if (!verdict.ok) process.exitCode = 1;
