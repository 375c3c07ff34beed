// Synthetic campaign records for the analysis and the report: every server x load x repetition cell, with
// throughput from a known law (Amdahl, USL or any function), seeded noise, and latencies, failures and skipped
// cells where a test asks for them. Nothing is measured: the numbers are what the test chose.
import type { CampaignCell, CampaignRecord, CellResult, FactorValue } from '../../src/campaign/types.ts';
import { mulberry32 } from '../../src/util/mulberry32.ts';
import { quantileOfSorted } from '../../src/util/percentile.ts';

type Factors = Record<string, FactorValue>;

/** What a synthetic campaign holds and how its cells behave. */
export interface SyntheticCampaign {
  /** Server and load factors with their values, in spec order. */
  server: Record<string, FactorValue[]>;
  load: Record<string, FactorValue[]>;
  repetitions?: number;
  /** Output tok/s of a cell before noise. */
  throughput: (server: Factors, load: Factors) => number;
  /** Median TPOT (ms) and median E2E (ms) of a cell; defaults grow with the load. */
  tpotMs?: (server: Factors, load: Factors) => number;
  e2eMs?: (server: Factors, load: Factors) => number;
  /** Relative noise on throughput: uniform in +-noise (default 0.03). */
  noise?: number;
  seed?: number;
  /** A cell's run outcome (default passed) and failed share of its requests (default 0). */
  outcome?: (cell: CampaignCell) => string;
  failedShare?: (cell: CampaignCell) => number;
  /** Cells that were not run, with the reason. */
  skip?: (cell: CampaignCell) => string | undefined;
  /** Only the first `ranCells` runnable cells ran (a partial campaign). */
  ranCells?: number;
  objective?: string;
  samplesPerCell?: number;
}

/** Amdahl's throughput curve for a factor: x1 N / (1 + s (N - 1)). */
export function amdahlCurve(factor: string, x1: number, s: number): (server: Factors) => number {
  return (server) => {
    const n = Number(server[factor]);
    return (x1 * n) / (1 + s * (n - 1));
  };
}

/** The USL's throughput curve for a factor: lambda N / (1 + sigma (N - 1) + kappa N (N - 1)). */
export function uslCurve(
  factor: string,
  lambda: number,
  sigma: number,
  kappa: number,
): (server: Factors) => number {
  return (server) => {
    const n = Number(server[factor]);
    return (lambda * n) / (1 + sigma * (n - 1) + kappa * n * (n - 1));
  };
}

function cross(factors: Record<string, FactorValue[]>): Factors[] {
  return Object.entries(factors).reduce<Factors[]>(
    (combos, [name, values]) =>
      combos.flatMap((combo) => values.map((value) => ({ ...combo, [name]: value }))),
    [{}],
  );
}

const pad = (i: number) => String(i).padStart(2, '0');

/** Builds the record: cells in server, load, repetition order; results for those that ran. */
export function buildCampaignRecord(spec: SyntheticCampaign): CampaignRecord {
  const random = mulberry32(spec.seed ?? 42);
  const uniform = () => random() / 2 ** 32;
  const gauss = () => Math.sqrt(-2 * Math.log(uniform() || 1e-12)) * Math.cos(2 * Math.PI * uniform());
  const servers = cross(spec.server);
  const loads = cross(spec.load);
  const cells: CampaignCell[] = servers.flatMap((server, s) =>
    loads.flatMap((load, l) =>
      Array.from({ length: spec.repetitions ?? 1 }, (_, r) => ({
        id: `s${pad(s)}-l${pad(l)}-r${r + 1}`,
        serverIndex: s,
        server,
        load,
        repetition: r + 1,
      })),
    ),
  );
  const skipped = cells.flatMap((cell) => {
    const reason = spec.skip?.(cell);
    return reason ? [{ cell, reason }] : [];
  });
  const runnable = cells.filter((cell) => !skipped.some((s) => s.cell === cell));
  const ran = runnable.slice(0, spec.ranCells ?? runnable.length);
  const start = Date.UTC(2026, 11, 1, 12, 0, 0);
  const results: CellResult[] = ran.map((cell, i) => {
    const duration = 60;
    const throughput =
      spec.throughput(cell.server, cell.load) * (1 + (spec.noise ?? 0.03) * (2 * uniform() - 1));
    const users = Number(cell.load['concurrency'] ?? 1);
    const tpot = spec.tpotMs?.(cell.server, cell.load) ?? 5 + users;
    const e2eMedian = spec.e2eMs?.(cell.server, cell.load) ?? 200 + 64 * tpot;
    const sample = Array.from(
      { length: spec.samplesPerCell ?? 200 },
      () => e2eMedian * Math.exp(0.25 * gauss()),
    ).sort((a, b) => a - b);
    const requests = Math.max(1, Math.round((throughput * duration) / 64));
    const failed = Math.round(requests * (spec.failedShare?.(cell) ?? 0));
    return {
      cell,
      runId: `20261201-${pad(i)}0000-campaign-${cell.id}`,
      outcome: spec.outcome?.(cell) ?? 'passed',
      metrics: {
        requests,
        failed,
        durationSeconds: duration,
        requestsPerSecond: requests / duration,
        outputTokensPerSecond: throughput,
        outputTokens: Math.round(throughput * duration),
        goodputPerSecond: (requests - failed) / duration,
        ttftP50: 40,
        ttftP95: 90,
        itlP50: tpot,
        itlP95: tpot * 1.6,
        tpotP50: tpot,
        tpotP95: tpot * 1.5,
        e2eP50: quantileOfSorted(sample, 0.5),
        e2eP95: quantileOfSorted(sample, 0.95),
        errorsByKind: (failed > 0 ? { http_502: failed } : {}) as Record<string, number>,
        proxyErrors: failed,
        e2eSample: sample,
      },
      startedAt: new Date(start + i * 70_000).toISOString(),
      endedAt: new Date(start + i * 70_000 + duration * 1000).toISOString(),
    };
  });
  const partial = results.length < runnable.length;
  return {
    id: '20261201-120000-synthetic',
    spec: { path: 'config/sweeps/synthetic.yaml', name: 'synthetic', hash: 'feedface' },
    server: 'local',
    serverFactors: Object.keys(spec.server),
    loadFactors: Object.keys(spec.load),
    ...(spec.objective ? { objective: spec.objective } : {}),
    cells,
    skipped,
    results,
    startedAt: new Date(start).toISOString(),
    ...(partial ? {} : { endedAt: new Date(start + results.length * 70_000).toISOString() }),
    partial,
  };
}
