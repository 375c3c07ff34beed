// The shapes a campaign (make sweep, make instance-sweep) is made of, shared by the planner, the runner, the
// analysis (scaling fits, Pareto front, best cell) and the report. Compute produces these; renderers read them.

/** A factor's value in a cell: a preset key's value, an instance count, a load level. */
export type FactorValue = string | number | boolean;

/** One cell of the matrix: a server configuration crossed with a load level, one repetition. */
export interface CampaignCell {
  /** Stable across runs of the same spec: `s<server index>-l<load index>-r<repetition>`, e.g. `s03-l02-r1`. */
  id: string;
  /** Index of the server configuration (cells sharing it share one deployment). */
  serverIndex: number;
  /** Server factors of this cell, by name: `instances`, `parallel_slots`, `tensor_parallel`, ... */
  server: Record<string, FactorValue>;
  /** Load factors of this cell, by name: `concurrency` or `rate`, `max_tokens`, `prompt_tokens`, ... */
  load: Record<string, FactorValue>;
  repetition: number;
}

/** Why a cell was not run. */
export interface SkippedCell {
  cell: CampaignCell;
  reason: string;
}

/** The numbers measured in one finished cell: read from its saved run, never estimated. */
export interface CellMetrics {
  requests: number;
  failed: number;
  durationSeconds: number;
  requestsPerSecond: number;
  /** Output tokens per second over the cell's load (the old instance sweep's `throughput`). */
  outputTokensPerSecond: number;
  /** Output tokens in all. */
  outputTokens: number;
  /** Requests meeting the objective, per second; undefined when the objective cannot be judged. */
  goodputPerSecond?: number;
  /** Milliseconds. */
  ttftP50?: number;
  ttftP95?: number;
  itlP50?: number;
  itlP95?: number;
  tpotP50?: number;
  tpotP95?: number;
  e2eP50?: number;
  e2eP95?: number;
  /** Errors by kind (`http_502`, `timeout`, ...) and the proxy's own 502/504 counted apart from the servers'. */
  errorsByKind: Record<string, number>;
  proxyErrors: number;
  /** Sorted end-to-end latencies (ms) kept for the latency CDFs of the top cells; may be a sample. */
  e2eSample?: number[];
}

/** A cell that ran: its run folder (benchmarks/<runId>/) and what it measured. */
export interface CellResult {
  cell: CampaignCell;
  runId: string;
  /** The run's outcome status (passed, failed, thresholds_failed, interrupted, error). */
  outcome: string;
  metrics: CellMetrics;
  startedAt: string;
  endedAt: string;
}

/** A whole campaign as stored in benchmarks/campaigns/<id>/campaign.json. */
export interface CampaignRecord {
  id: string;
  /** The spec file it came from and its content hash (a changed spec is a new campaign). */
  spec: { path: string; name: string; hash: string };
  server: string;
  /** Names of the server and load factors, in the spec's order (the heatmaps' axes are the first two). */
  serverFactors: string[];
  loadFactors: string[];
  /** The objective in make compare's syntax, e.g. `ttft_p95=2s,errors=1%`. */
  objective?: string;
  cells: CampaignCell[];
  skipped: SkippedCell[];
  results: CellResult[];
  startedAt: string;
  endedAt?: string;
  /** True until every cell ran; a resumed campaign continues the same record. */
  partial: boolean;
  /** Runs cut short by an interrupt: kept on disk, not counted as the cell's result (the cell runs again). */
  interruptedRuns?: { cell: string; runId: string; reason: string }[];
  /** Server cells whose deploy failed (and was rolled back): their cells were left, to be tried again. */
  deployFailures?: { server: number; preset: string; reason: string; at: string }[];
  /** The load generators every cell's run was split over (GENERATORS=), in order; absent: one engine here. */
  generators?: string[];
}
