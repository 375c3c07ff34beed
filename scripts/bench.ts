// `make bench`: the engine's speed and memory on this machine, as one table (ratios within one run).
import { cpus, totalmem } from 'node:os';
import { ensureBuilt } from '../src/runner/ensure-built.ts';
import { measureAccuracy, measureHttp, measureMemory, measureSse } from '../src/perf/measure.ts';
import { measureSamplerCost } from '../src/perf/sampler-cost.ts';
import { measureSoak } from '../src/perf/soak.ts';
import { judgeTuneBench, measureTuner, TUNE_BENCH_SEEDS } from '../src/perf/tune-bench.ts';

const rows: [string, string, string, string][] = [];
const add = (what: string, value: string, target: string, ok: boolean): void => {
  rows.push([what, value, target, ok ? 'ok' : 'MISSED']);
  console.error(`  ${what}: ${value} (${ok ? 'ok' : 'missed'})`);
};

await ensureBuilt('light');
// Timing accuracy first: the memory runs' aftermath (reclaim, hundreds of sockets closing) disturbs timers.
console.error('bench: TTFT/ITL measurement error at 64 streams');
const acc = await measureAccuracy(64);
const fmt = (m: Record<string, number>): string =>
  `median ${(m['med'] ?? NaN).toFixed(2)} ms, p99 ${(m['p(99)'] ?? NaN).toFixed(2)} ms (n=${m['count'] ?? 0}, median of 3 runs)`;
add(
  'TTFT error (100 ms first token), 64 streams',
  fmt(acc.ttft),
  'median <= 1, p99 <= 5 ms',
  (acc.ttft['med'] ?? 99) <= 1 && (acc.ttft['p(99)'] ?? 99) <= 5,
);
add(
  'ITL error (10 ms apart), 64 streams',
  fmt(acc.itl),
  'median <= 1, p99 <= 5 ms',
  (acc.itl['med'] ?? 99) <= 1 && (acc.itl['p(99)'] ?? 99) <= 5,
);

console.error('bench: HTTP requests/s at 32 VUs vs wrk');
const http = await measureHttp(32, 8);
const ratio = http.engine / http.wrk;
add(
  'HTTP req/s, 32 VUs (wrk in the same run)',
  `${http.engine.toFixed(0)} vs wrk ${http.wrk.toFixed(0)} = ${ratio.toFixed(2)}x`,
  '>= 0.35x wrk',
  ratio >= 0.35,
);

console.error('bench: SSE ingestion');
const sse = await measureSse(1_000_000);
add(
  'SSE events/s (1 stream, as fast as the server goes)',
  sse.eventsPerSecond.toFixed(0),
  '>= 300,000/s',
  sse.eventsPerSecond >= 300_000,
);
add(
  'engine CPU per SSE event (whole process)',
  `${sse.cpuMicrosPerEvent.toFixed(2)} us`,
  '<= 4 us',
  sse.cpuMicrosPerEvent <= 4,
);

// Before/after the blocking transform: the same scripts written the k6 way (no await), each against wrk's rate.
console.error('bench: HTTP and SSE with the scripts written the k6 way (no await: the blocking transform)');
const httpBlocking = await measureHttp(32, 8, 'http-blocking.js');
const blockingRatio = httpBlocking.engine / httpBlocking.wrk;
add(
  'HTTP req/s, 32 VUs: await-style / k6-style (blocking)',
  `${ratio.toFixed(2)}x wrk / ${httpBlocking.engine.toFixed(0)} vs wrk ${httpBlocking.wrk.toFixed(0)} = ${blockingRatio.toFixed(2)}x`,
  'k6-style >= 0.8x await-style',
  blockingRatio >= 0.8 * ratio,
);
const sseBlocking = await measureSse(1_000_000, 'sse-blocking.js');
add(
  'SSE events/s, 1 stream: await-style / k6-style (blocking)',
  `${sse.eventsPerSecond.toFixed(0)} / ${sseBlocking.eventsPerSecond.toFixed(0)}`,
  'k6-style >= 300,000/s',
  sseBlocking.eventsPerSecond >= 300_000,
);
add(
  'CPU per SSE event: await-style / k6-style (blocking)',
  `${sse.cpuMicrosPerEvent.toFixed(2)} us / ${sseBlocking.cpuMicrosPerEvent.toFixed(2)} us`,
  'k6-style <= 4 us',
  sseBlocking.cpuMicrosPerEvent <= 4,
);

console.error('bench: peak RSS at 1 VU (the process baseline: Node, the TS loader, the bundle)');
const baseline = await measureMemory(1, 10);
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;
for (const vus of [64, 512]) {
  console.error(`bench: peak RSS at ${vus} VUs`);
  const rss = await measureMemory(vus, 10);
  const perVu = (rss - baseline) / (vus - 1) / 2 ** 20;
  add(
    `peak RSS, light profile, ${vus} VUs streaming`,
    `${mb(rss)} (1 VU: ${mb(baseline)}) = ${perVu.toFixed(2)} MB per added VU`,
    '<= 1 MB/VU',
    perVu <= 1,
  );
}

console.error('bench: diagnose host sampler, 30 s at 1 s');
const cost = await measureSamplerCost(30);
add(
  `diagnose sampler CPU on the server host (${cost.frames} frames)`,
  `${cost.hostPercentOfCore.toFixed(2)}% of one core`,
  '< 2% of one core',
  cost.hostPercentOfCore < 2,
);
add(
  'diagnose frame parsing in the load generator',
  `${cost.parsePercentOfCore.toFixed(2)}% of one core`,
  '(reported)',
  true,
);

console.error(
  `bench: the tuner against the exhaustive sweep on ${TUNE_BENCH_SEEDS.length * 5} simulated response surfaces`,
);
const tuneRows = await measureTuner(TUNE_BENCH_SEEDS);
const tune = judgeTuneBench(tuneRows);
add(
  `make tune vs the full sweep, ${tuneRows.length} sim surfaces (make bench-tune)`,
  `worst pick ${(tune.worstRatio * 100).toFixed(1)}% of the best (${tune.misses} of ${tuneRows.length} under 95%; ${tune.missesAgainstExhaustive} under 95% of the full sweep's own pick), most load ${(tune.mostLoad * 100).toFixed(1)}% of the sweep's`,
  'pick >= 95%, load <= 25%',
  tune.ok,
);

// Last: the longest row (SOAK_MINUTES, 10 by default), so the quick rows are printed as it runs.
const soakMinutes = Number(process.env['SOAK_MINUTES'] ?? '10');
if (!(soakMinutes >= 0.5))
  throw new Error(`SOAK_MINUTES: expected minutes >= 0.5, got '${process.env['SOAK_MINUTES']}'`);
console.error(`bench: soak, 64 streaming VUs for ${soakMinutes} min, the engine's RSS every 5 s`);
const soak = await measureSoak(64, soakMinutes, (s, rss) => {
  if (process.stderr.isTTY) process.stderr.write(`\r  ${s.toFixed(0)} s: RSS ${mb(rss)}   `);
});
const perMin = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(2)} MB/min`;
add(
  `soak: RSS slope, 64 streaming VUs, ${soakMinutes} min`,
  `${perMin(soak.slopeBytesPerMinute)}, GC floor ${perMin(soak.floorSlopeBytesPerMinute)} (after ${soak.warmupSeconds.toFixed(0)} s; ${mb(soak.firstBytes)} -> ${mb(soak.lastBytes)}, peak ${mb(soak.peakBytes)})`,
  '< 1 MB/min (both)',
  // Both fits must pass: a sawtooth of collections can tilt either one by chance.
  Math.max(soak.slopeBytesPerMinute, soak.floorSlopeBytesPerMinute) < 2 ** 20,
);

const machine = `${cpus()[0]?.model.trim() ?? 'cpu'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
const widths = [52, 70, 26, 6];
const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
console.log(`machine: ${machine}\n`);
console.log(line(['measure', 'result', 'target', '']));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));
if (rows.some((r) => r[3] !== 'ok')) process.exitCode = 1;
