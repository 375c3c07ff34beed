// A capacity search's record: every step it ran, the three points it found, and what limits the server there.
import type { Steadiness } from './steadiness.ts';
import type { WindowMetrics } from './window-metrics.ts';

/**
 * sync: one user, back to back (the unloaded latency); throughput: many users (the most it finishes);
 * rate: an arrival rate of the search; breaking: a rate above the search, to find where it breaks;
 * confirm: the maximum sustainable rate again, with diagnose sampling alongside.
 */
export type StepKind = 'sync' | 'throughput' | 'rate' | 'breaking' | 'confirm';

export interface StepLoad {
  kind: StepKind;
  /** Requests/s offered (open loop). */
  rate?: number;
  /** Users (closed loop). */
  concurrency?: number;
}

/** What a step's load did to the server, against the objective. */
export interface StepJudgement {
  /** The objective held and (for a rate) goodput kept up with the offered rate. */
  sustainable: boolean;
  /** Why it is not sustainable, one line each. */
  misses: string[];
  /** Why the server broke at this load (errors over the limit, a runaway queue, nothing served). */
  broke?: string;
}

export interface CapacityStep extends StepLoad {
  index: number;
  runId: string;
  /** The run's outcome status (runs are saved like any other under benchmarks/). */
  status: string;
  /** How long the load ran, and why it stopped. */
  seconds: number;
  stoppedBy: 'steady' | 'runaway' | 'cap' | 'interrupted';
  why: string;
  /** The judged window (epoch ms) and its figures. */
  window: WindowMetrics & { startMs: number; endMs: number };
  steadiness?: Steadiness;
  /** Iterations the load generator could not start (no free VU). */
  dropped: number;
  judgement: StepJudgement;
}

/** A point the search found, with the step that shows it. */
export interface CapacityPoint {
  /** Requests/s (the knee: finished requests/s). */
  rate: number;
  step?: number;
  why: string;
}

export interface CapacityRecord {
  id: string;
  target: string;
  server?: string;
  objective: string;
  startedAt: string;
  endedAt?: string;
  /** True until the search ends by itself; an interrupted or failed search stays partial. */
  partial: boolean;
  partialReason?: string;
  settings: { capSeconds: number; minSeconds: number; precision: number; probeUsers: number };
  steps: CapacityStep[];
  /** The highest rate whose goodput stayed at least 95% of it and whose objective held. */
  maxSustainable?: CapacityPoint;
  /** The lowest rate at which errors crossed the limit or latency ran away. */
  breakingPoint?: CapacityPoint;
  /** Where throughput against requests in flight bends. */
  knee?: CapacityPoint & { inFlight: number };
  /** diagnose's verdict at the maximum sustainable rate. */
  verdict?: { kind: string; summary: string; recommendation: string; runId: string };
  /** What the search could not establish, one line each. */
  notes: string[];
}
