// Requests joined over their llm_* points by metadata.request_id: the per-request records goodput is counted on.
import type { MetricPoint } from './read-metric-points.ts';
import type { RequestLog, RequestRecord } from './run-series.ts';

type RecordField = 'ttftMs' | 'tpotMs' | 'e2eMs' | 'outputTokens' | 'promptTokens';

const RECORD_FIELDS = new Map<string, RecordField>([
  ['llm_ttft', 'ttftMs'],
  ['llm_tpot', 'tpotMs'],
  ['llm_e2e', 'e2eMs'],
  ['llm_output_tokens', 'outputTokens'],
  ['llm_prompt_tokens', 'promptTokens'],
]);

/** Collects the requests of a run as its points come, in file order. */
export interface RequestJoiner {
  /** An llm_errors point: a request finished (failed when `errorKind` is set). */
  addOutcome(point: MetricPoint, errorKind: string | undefined): void;
  /** Any other llm_* point: one figure of a request that finished before it. */
  addFigure(point: MetricPoint): void;
  finish(): RequestLog;
}

/** A joiner with no request yet. */
export function createRequestJoiner(): RequestJoiner {
  const byId = new Map<string, RequestRecord>();
  let unjoinable = 0;
  let orphanPoints = 0;
  return {
    addOutcome(point, errorKind) {
      const id = point.metadata['request_id'];
      if (id === undefined) {
        unjoinable += 1;
        return;
      }
      // A repeated id (never expected) replaces the earlier request: its later points belong to the newer one.
      byId.set(id, {
        id,
        endMs: point.time,
        failed: point.value !== 0,
        ...(errorKind !== undefined ? { errorKind } : {}),
      });
    },
    addFigure(point) {
      const field = RECORD_FIELDS.get(point.metric);
      const id = point.metadata['request_id'];
      if (field === undefined || id === undefined) return;
      const record = byId.get(id);
      if (record) record[field] = point.value;
      else orphanPoints += 1;
    },
    finish: () => ({ records: [...byId.values()], unjoinable, orphanPoints }),
  };
}
