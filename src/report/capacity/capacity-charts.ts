// capacity.html's charts: offered rate against what finished and what met the SLO, each p95 latency against the
// rate with its budget, and throughput against requests in flight with the knee; the three points marked.
import { formatDurationMs } from '../charts/format.ts';
import { renderXyChart, type XyPoint, type XySeries } from '../campaign/xy-chart.ts';
import type { CapacityRecord, CapacityStep } from '../../capacity/types.ts';
import { parseObjective } from '../../results/objective-defaults.ts';

export interface CapacityChart {
  id: string;
  svg: string;
  caption: string;
}

function rated(record: CapacityRecord): CapacityStep[] {
  return record.steps
    .filter((s) => s.rate !== undefined && s.window.requests > 0)
    .sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0));
}

function label(step: CapacityStep): string {
  return `step ${step.index} (${step.kind}): ${step.judgement.sustainable ? 'sustainable' : 'not sustainable'}`;
}

/** The three points as marker series at (rate, y of that step). */
function markers(record: CapacityRecord, y: (s: CapacityStep) => number | undefined): XySeries[] {
  const points: [string, number | undefined, number | undefined][] = [
    ['max sustainable', record.maxSustainable?.step, record.maxSustainable?.rate],
    ['breaking point', record.breakingPoint?.step, record.breakingPoint?.rate],
  ];
  return points.flatMap(([name, index, rate], i) => {
    const step = record.steps.find((s) => s.index === index);
    const value = step && y(step);
    if (rate === undefined || value === undefined) return [];
    return [{ name, mode: 'dots' as const, colour: 5 + i, points: [{ x: rate, y: value, label: name }] }];
  });
}

function line(
  name: string,
  steps: CapacityStep[],
  y: (s: CapacityStep) => number | undefined,
  colour: number,
): XySeries {
  const points: XyPoint[] = steps.flatMap((s) => {
    const v = y(s);
    return v === undefined ? [] : [{ x: s.rate ?? 0, y: v, label: label(s) }];
  });
  return { name, mode: 'line+dots', colour, points };
}

/** A dashed reference line from x0 to x1 (the offered rate, a budget). */
function guide(name: string, colour: number, dash: string, from: XyPoint, to: XyPoint): XySeries {
  return { name, mode: 'line', dash, colour, points: [from, to] };
}

/** A chart against the offered rate, both axes from 0. */
function rateChart(
  id: string,
  title: string,
  yLabel: string,
  series: XySeries[],
  yFormat: (v: number) => string,
): string {
  return renderXyChart({
    id: `capacity-${id}`,
    title,
    xLabel: 'offered (req/s)',
    yLabel,
    xMin: 0,
    yMin: 0,
    series,
    xFormat: (v) => v.toFixed(2),
    yFormat,
  });
}

export function buildCapacityCharts(record: CapacityRecord): CapacityChart[] {
  const steps = rated(record);
  const xs = steps.map((s) => s.rate ?? 0);
  const [x0, x1] = [Math.min(0, ...xs), Math.max(0, ...xs)];
  const charts: CapacityChart[] = [];
  charts.push({
    id: 'throughput',
    svg: rateChart(
      'throughput',
      'Offered rate against finished requests and goodput',
      'req/s',
      [
        guide('offered', 7, '4 3', { x: x0, y: x0 }, { x: x1, y: x1 }),
        line('finished', steps, (s) => s.window.throughput, 0),
        line('goodput', steps, (s) => s.window.goodput, 1),
        ...markers(record, (s) => s.window.goodput),
      ],
      (v) => v.toFixed(2),
    ),
    caption:
      'Goodput: successful requests meeting every SLO target, per second. A rate is sustainable where goodput keeps 95% of it and the objective holds.',
  });
  const objective = parseObjective(record.objective);
  const latencies = [
    ['ttft', 'p95 TTFT', (s: CapacityStep) => s.window.ttftP95, objective.ttftP95BudgetMs],
    ['tpot', 'p95 TPOT', (s: CapacityStep) => s.window.tpotP95, objective.tpotP95BudgetMs],
    ['e2e', 'p95 E2E', (s: CapacityStep) => s.window.e2eP95, objective.e2eP95BudgetMs],
  ] as const;
  for (const [id, name, y, budget] of latencies) {
    const series: XySeries[] = [line(name, steps, y, 2), ...markers(record, y)];
    if (budget !== undefined)
      series.push(
        guide(`budget ${formatDurationMs(budget)}`, 3, '6 4', { x: x0, y: budget }, { x: x1, y: budget }),
      );
    charts.push({
      id,
      svg: rateChart(id, `${name} against offered rate`, 'ms', series, formatDurationMs),
      caption:
        budget === undefined
          ? `${name} has no budget in the objective.`
          : `The dashed line is the objective's budget.`,
    });
  }
  const curve = record.steps.filter((s) => s.window.inFlight !== undefined && s.window.requests > 0);
  const knee = record.steps.find((s) => s.index === record.knee?.step);
  charts.push({
    id: 'knee',
    svg: renderXyChart({
      id: 'capacity-knee',
      title: 'Throughput against requests in flight',
      xLabel: 'requests in flight (mean)',
      yLabel: 'finished req/s',
      xMin: 0,
      yMin: 0,
      series: [
        {
          name: 'steps',
          mode: 'dots',
          colour: 0,
          points: curve.map((s) => ({ x: s.window.inFlight ?? 0, y: s.window.throughput, label: label(s) })),
        },
        ...(knee && record.knee
          ? [
              {
                name: 'knee',
                mode: 'dots' as const,
                colour: 4,
                points: [{ x: record.knee.inFlight, y: knee.window.throughput, label: record.knee.why }],
              },
            ]
          : []),
      ],
      xFormat: (v) => v.toFixed(1),
      yFormat: (v) => v.toFixed(2),
    }),
    caption:
      "Every step, probes included: in flight by Little's law (finished req/s x mean E2E). Past the knee, more requests in flight only wait.",
  });
  return charts;
}
