// Goodput as vLLM's bench defines it (DistServe): requests meeting every SLO target, per second of the run.
import type { RequestLog, RequestRecord } from './run-series.ts';

/** Latency targets in ms; an absent one is not checked. */
export interface GoodputSlo {
  ttftMs?: number;
  tpotMs?: number;
  e2eMs?: number;
}

export type SloTarget = keyof GoodputSlo;

/** Why goodput has no value: requests without request_id, nothing finished, or no target left to check. */
export type GoodputGap = 'unjoinable' | 'no-requests' | 'no-targets';

export interface GoodputResult {
  slo: GoodputSlo;
  /** Requests that finished, failed ones and unjoinable ones included. */
  total: number;
  unjoinable: number;
  met?: number;
  /** met / total. */
  share?: number;
  goodputPerSecond?: number;
  /** Targets no successful request could be measured against (TTFT of a non-streaming run): not checked. */
  ignoredTargets: SloTarget[];
  reason?: GoodputGap;
}

const TARGETS: SloTarget[] = ['ttftMs', 'tpotMs', 'e2eMs'];

/**
 * Counts the successful requests that meet every given target (value <= target, as vLLM compares); failed
 * requests never count. A single-token output has no TPOT and meets a TPOT target (vLLM sets it to 0).
 */
export function computeGoodput(
  requests: Pick<RequestLog, 'records' | 'unjoinable'>,
  slo: GoodputSlo,
  durationSeconds: number,
): GoodputResult {
  const total = requests.records.length + requests.unjoinable;
  const base = { slo, total, unjoinable: requests.unjoinable };
  if (requests.unjoinable > 0) return { ...base, ignoredTargets: [], reason: 'unjoinable' };
  if (total === 0) return { ...base, ignoredTargets: [], reason: 'no-requests' };
  const succeeded = requests.records.filter((r) => !r.failed);
  const given = TARGETS.filter((target) => slo[target] !== undefined);
  // With no successful request there is nothing to tell a missing measurement from: every target stays.
  const ignoredTargets =
    succeeded.length === 0 ? [] : given.filter((target) => succeeded.every((r) => r[target] === undefined));
  const checked = given.filter((target) => !ignoredTargets.includes(target));
  if (checked.length === 0) return { ...base, ignoredTargets, reason: 'no-targets' };
  const met = succeeded.filter((r) =>
    checked.every((target) => meets(r, target, slo[target] as number)),
  ).length;
  return {
    ...base,
    met,
    share: met / total,
    ...(durationSeconds > 0 ? { goodputPerSecond: met / durationSeconds } : {}),
    ignoredTargets,
  };
}

function meets(record: RequestRecord, target: SloTarget, limit: number): boolean {
  const value = record[target];
  if (value !== undefined) return value <= limit;
  return target === 'tpotMs' && record.outputTokens !== undefined && record.outputTokens <= 1;
}
