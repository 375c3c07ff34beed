// tune.html's charts: the explored configurations over the full response surface's axes (every configuration
// is a cell: the model's goodput for all of them, and what was measured, by the longest cell each got), and the
// search's course (each cell's goodput against the load time spent, by rung).
import { renderGridHeatmap } from '../campaign/grid-heatmap.ts';
import { renderXyChart, type XySeries } from '../campaign/xy-chart.ts';
import type { TuneRecord } from '../../tune/types.ts';

export interface TuneChart {
  id: string;
  svg: string;
  caption: string;
}

/** The factors with more than one level: the others are the same in every configuration. */
function varying(record: TuneRecord): TuneRecord['factors'] {
  const many = record.factors.filter((f) => f.values.length > 1);
  return many.length > 0 ? many : record.factors.slice(0, 1);
}

/** Columns by the first varying factor, rows by every combination of the others. */
function surfaceAxes(record: TuneRecord): {
  columns: string[];
  rows: string[];
  place: (factors: Record<string, unknown>) => [number, number];
} {
  const [first, ...others] = varying(record);
  const columns = (first?.values ?? ['']).map(String);
  let rows: string[] = [''];
  for (const factor of others)
    rows = rows.flatMap((row) => factor.values.map((v) => `${row}${row === '' ? '' : ' · '}${String(v)}`));
  // Rows carry the values only (the axis title names the factors in the same order): labels stay short.
  const rowOf = (factors: Record<string, unknown>): string =>
    others.map((f) => String(factors[f.name])).join(' · ');
  return {
    columns,
    rows,
    place: (factors) => [
      rows.indexOf(rowOf(factors)),
      first ? columns.indexOf(String(factors[first.name])) : 0,
    ],
  };
}

function grid(
  record: TuneRecord,
  value: (candidate: number) => number | undefined,
): (number | undefined)[][] {
  const { columns, rows, place } = surfaceAxes(record);
  const values = rows.map(() => columns.map((): number | undefined => undefined));
  for (const c of record.result.candidates) {
    const [r, k] = place(c.factors);
    const row = values[r];
    if (row && k >= 0) row[k] = value(c.index);
  }
  return values;
}

export function buildTuneCharts(record: TuneRecord): TuneChart[] {
  const { result } = record;
  const { columns, rows } = surfaceAxes(record);
  const [first, ...others] = varying(record);
  const axes = {
    xLabel: first?.name ?? '',
    yLabel: others.map((f) => f.name).join(' · ') || ' ',
    columns,
    rows,
    direction: 'higher-better' as const,
    valueFormat: (v: number) => v.toFixed(2),
    width: 900,
  };
  const last = result.rungSeconds.length - 1;
  const longest = new Map<number, { rung: number; score: number }>();
  for (const t of result.trials) {
    const seen = longest.get(t.candidate);
    if (!seen || t.rung >= seen.rung) longest.set(t.candidate, { rung: t.rung, score: t.score });
  }
  const charts: TuneChart[] = [
    {
      id: 'tune-model',
      svg: renderGridHeatmap({
        id: 'tune-model',
        title: "The model's goodput (req/s) over every configuration",
        values: grid(record, (i) => result.estimates.find((e) => e.candidate === i)?.mean),
        ...axes,
      }),
      caption:
        'The Gaussian process fitted to every cell the tuner ran (short cells weigh less): the whole response surface, tried or not.',
    },
    {
      id: 'tune-measured',
      svg: renderGridHeatmap({
        id: 'tune-measured',
        title: 'Measured goodput (req/s), from the longest cell each configuration ran',
        values: grid(record, (i) => longest.get(i)?.score),
        ...axes,
      }),
      caption: `Grey: never run (the model's estimate decided). Rungs: ${result.rungSeconds.map((s, k) => `${k} = ${s.toFixed(1)} s cells`).join(', ')}.`,
    },
  ];
  let spent = 0;
  const course = result.trials.map((t) => {
    spent += t.loadSeconds;
    return { trial: t, at: spent };
  });
  const series: XySeries[] = result.rungSeconds.map((seconds, rung) => ({
    name: `rung ${rung} (${seconds.toFixed(1)} s)`,
    mode: 'dots',
    colour: rung,
    points: course
      .filter((c) => c.trial.rung === rung)
      .map((c) => ({
        x: c.at,
        y: c.trial.score,
        label: `${result.candidates.find((k) => k.index === c.trial.candidate)?.label ?? ''}`,
      })),
  }));
  const pick = course.filter((c) => c.trial.candidate === result.best && c.trial.rung === last).at(-1);
  if (pick)
    series.push({
      name: 'best',
      mode: 'dots',
      colour: 5,
      points: [{ x: pick.at, y: pick.trial.score, label: 'the configuration picked' }],
    });
  charts.push({
    id: 'tune-course',
    svg: renderXyChart({
      id: 'tune-course',
      title: 'Goodput of each cell against the load time spent',
      xLabel: 'load time spent (s)',
      yLabel: 'goodput (req/s)',
      xMin: 0,
      yMin: 0,
      series,
      xFormat: (v) => v.toFixed(0),
      yFormat: (v) => v.toFixed(2),
    }),
    caption: `The exhaustive sweep would spend ${result.exhaustiveSeconds.toFixed(0)} s of load; the tuner spent ${result.loadSeconds.toFixed(0)} s.`,
  });
  return charts;
}
