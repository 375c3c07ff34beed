// What capacity.html shows, computed from the record: the three points as sentences, each step as a row, the
// charts prerendered.
import type { CapacityRecord, CapacityStep } from '../../capacity/types.ts';
import { parseObjective } from '../../results/objective-defaults.ts';
import { formatDurationMs } from '../charts/format.ts';
import { describeBudgets, describeSlo } from '../describe-objective.ts';
import { formatTimestamp } from '../format-values.ts';
import { toolkitVersion } from '../../util/toolkit-version.ts';
import { buildCapacityCharts, type CapacityChart } from './capacity-charts.ts';
import { describeLoad, formatRate } from '../../capacity/format-rate.ts';

export interface CapacityPointView {
  name: string;
  value: string;
  why: string;
}

export interface CapacityStepRow {
  index: number;
  kind: string;
  load: string;
  seconds: string;
  stopped: string;
  throughput: string;
  goodput: string;
  errors: string;
  ttftP95: string;
  tpotP95: string;
  e2eP95: string;
  inFlight: string;
  verdict: string;
  sustainable: boolean;
  runId: string;
}

export interface CapacityModel {
  title: string;
  objective: string;
  slo: string;
  partial: string | null;
  points: CapacityPointView[];
  verdict: { summary: string; recommendation: string; runId: string } | null;
  notes: string[];
  steps: CapacityStepRow[];
  charts: CapacityChart[];
  generated: string;
}

const ms = (v: number | undefined): string => (v === undefined ? '-' : formatDurationMs(v));

function row(step: CapacityStep): CapacityStepRow {
  const w = step.window;
  return {
    index: step.index,
    kind: step.kind,
    load: describeLoad(step),
    seconds: `${step.seconds.toFixed(0)} s`,
    stopped: `${step.stoppedBy}: ${step.why}`,
    throughput: w.throughput.toFixed(2),
    goodput: w.goodput.toFixed(2),
    errors: `${(w.errorShare * 100).toFixed(1)}%`,
    ttftP95: ms(w.ttftP95),
    tpotP95: ms(w.tpotP95),
    e2eP95: ms(w.e2eP95),
    inFlight: w.inFlight === undefined ? '-' : w.inFlight.toFixed(1),
    verdict: step.judgement.sustainable ? 'sustainable' : step.judgement.misses.join('; '),
    sustainable: step.judgement.sustainable,
    runId: step.runId,
  };
}

export function buildCapacityModel(record: CapacityRecord, now = new Date()): CapacityModel {
  const objective = parseObjective(record.objective);
  const points: CapacityPointView[] = [
    {
      name: 'Maximum sustainable rate',
      value: record.maxSustainable ? formatRate(record.maxSustainable.rate) : 'not found',
      why: record.maxSustainable?.why ?? 'no rate met the objective',
    },
    {
      name: 'Breaking point',
      value: record.breakingPoint ? formatRate(record.breakingPoint.rate) : 'not reached',
      why: record.breakingPoint?.why ?? 'no step broke the server',
    },
    {
      name: 'Knee',
      value: record.knee
        ? `${formatRate(record.knee.rate)} at ${record.knee.inFlight.toFixed(1)} in flight`
        : 'none',
      why: record.knee?.why ?? 'throughput did not bend over the steps run',
    },
  ];
  return {
    title: `${record.server ?? record.target}, ${record.id}`,
    objective: describeBudgets(objective),
    slo: describeSlo(objective.slo),
    partial: record.partial
      ? `The search did not finish (${record.partialReason ?? 'still running'}): every step it ran is below.`
      : null,
    points,
    verdict: record.verdict
      ? {
          summary: record.verdict.summary,
          recommendation: record.verdict.recommendation,
          runId: record.verdict.runId,
        }
      : null,
    notes: record.notes,
    steps: record.steps.map(row),
    charts: buildCapacityCharts(record),
    generated: `inferload ${toolkitVersion}, ${formatTimestamp(now.toISOString())}`,
  };
}
