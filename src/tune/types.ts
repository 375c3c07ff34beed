// A tuning's record: the configurations it could try, every cell it ran and at which length, each decision it
// took and why, and the configuration it picked with the runner-up.
import type { FactorValue } from '../campaign/types.ts';
import type { WinnerCapacity } from './winner-capacity.ts';

/** One configuration of the matrix: its factors' values and its coordinates (each factor's level, 0..1). */
export interface TuneCandidate {
  index: number;
  factors: Record<string, FactorValue>;
  x: number[];
  /** Short, for the live lines: `parallel_slots=4 threads_gen=2`. */
  label: string;
}

/** What one evaluation of a configuration measured. */
export interface TrialMeasure {
  /** Goodput: requests/s that met the objective's per-request targets (the best of its load levels). */
  score: number;
  /** Whether the objective (p95 budgets, error share) held at that load level. */
  held: boolean;
  /** Seconds of load it cost (every load level together). */
  loadSeconds: number;
  /** The saved runs (benchmarks/<runId>/); none for a model surface. */
  runIds: string[];
  /** One line about it: the load level, a miss. */
  detail?: string;
}

export interface TuneTrial extends TrialMeasure {
  candidate: number;
  rung: number;
  /** The length of each load cell at this rung. */
  cellSeconds: number;
}

export type DecisionKind = 'tried' | 'promoted' | 'dropped' | 'stopped' | 'picked';

export interface TuneDecision {
  kind: DecisionKind;
  text: string;
  candidate?: number;
  rung?: number;
}

export interface TuneSettings {
  /** Successive halving's reduction factor: a rung keeps 1/eta of the one before, each cell eta times longer. */
  eta: number;
  /** Rungs; the last runs full-length cells. */
  rungs: number;
  /** A full cell's load, seconds (the spec's duration). */
  fullSeconds: number;
  /** The shortest cell, seconds. */
  minSeconds: number;
  /** Load time the tuner may use, as a share of the exhaustive sweep's. */
  maxLoadShare: number;
  /** Improvement (relative) worth another full cell; below it with 95% confidence, the tuner stops. */
  improvement: number;
  /** Load levels each evaluation runs (the exhaustive sweep runs them all too). */
  cellsPerConfig: number;
}

export const DEFAULT_TUNE: Readonly<Omit<TuneSettings, 'fullSeconds' | 'cellsPerConfig'>> = Object.freeze({
  eta: 2,
  rungs: 3,
  minSeconds: 4,
  maxLoadShare: 0.25,
  improvement: 0.01,
});

/** Where the model put a configuration at the end: the surface the report draws. */
export interface CandidateEstimate {
  candidate: number;
  mean: number;
  sd: number;
}

export interface TuneResult {
  candidates: TuneCandidate[];
  trials: TuneTrial[];
  decisions: TuneDecision[];
  /** Seconds of each rung's cells. */
  rungSeconds: number[];
  best?: number;
  runnerUp?: number;
  /** Load used, and what the exhaustive sweep (every configuration, full cells) would use. */
  loadSeconds: number;
  exhaustiveSeconds: number;
  stoppedBy: 'converged' | 'budget' | 'exhausted' | 'interrupted';
  estimates: CandidateEstimate[];
}

/** A tuning as stored in benchmarks/tunes/<id>/tune.json, written after every cell. */
export interface TuneRecord {
  id: string;
  spec: { path: string; name: string; hash: string };
  server: string;
  basePreset: string;
  objective: string;
  /** Server factors (the axes) and load levels each evaluation runs. */
  factors: { name: string; values: FactorValue[] }[];
  loads: Record<string, FactorValue>[];
  settings: TuneSettings;
  /** Configurations the plan skipped (memory, threads), with why. */
  skipped: { candidate: number; label: string; reason: string }[];
  result: TuneResult;
  startedAt: string;
  endedAt?: string;
  partial: boolean;
  /** The preset written for the winner, and where. */
  preset?: { name: string; file: string };
  /** The winner's capacity search (make tune CAPACITY=1). */
  capacity?: WinnerCapacity;
}
