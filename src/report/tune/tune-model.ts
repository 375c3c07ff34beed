// What tune.html shows, computed from the record: the best configuration and the runner-up, the load spent
// against the exhaustive sweep's, every decision in order, every cell as a row, the charts prerendered.
import { describeWinnerCapacity } from '../../tune/format-tune.ts';
import { rankAtLast } from '../../tune/search-tune.ts';
import type { TuneRecord } from '../../tune/types.ts';
import { toolkitVersion } from '../../util/toolkit-version.ts';
import { buildTuneCharts, type TuneChart } from './tune-charts.ts';

export interface TuneModel {
  title: string;
  objective: string;
  partial: string | null;
  picks: { name: string; label: string; goodput: string; model: string; held: boolean }[];
  load: string;
  preset: string | null;
  capacity: string | null;
  skipped: { label: string; reason: string }[];
  decisions: { kind: string; text: string }[];
  trials: {
    index: number;
    label: string;
    rung: number;
    seconds: string;
    goodput: string;
    held: boolean;
    detail: string;
    runs: string;
  }[];
  charts: TuneChart[];
  generated: string;
}

export function buildTuneModel(record: TuneRecord): TuneModel {
  const { result } = record;
  const label = (i: number | undefined): string => result.candidates.find((c) => c.index === i)?.label ?? '';
  const mean = (i: number): number => result.estimates.find((e) => e.candidate === i)?.mean ?? NaN;
  const ranked = rankAtLast(result.trials, result.rungSeconds.length - 1, mean);
  const picks = (
    [
      ['best', result.best],
      ['runner-up', result.runnerUp],
    ] as const
  ).flatMap(([name, index]) => {
    const full = ranked.find((r) => r.candidate === index);
    return full
      ? [
          {
            name,
            label: label(index),
            goodput: `${full.score.toFixed(2)} req/s`,
            model: `${full.mean.toFixed(2)} req/s`,
            held: full.held,
          },
        ]
      : [];
  });
  const share = result.exhaustiveSeconds > 0 ? result.loadSeconds / result.exhaustiveSeconds : 0;
  return {
    title: `${record.spec.name} on ${record.server}`,
    objective: record.objective,
    partial: record.partial
      ? `The tuning was interrupted after ${result.trials.length} cell(s); what they measured is below.`
      : null,
    picks,
    load: `${result.loadSeconds.toFixed(0)} s of load in ${result.trials.length} cells: ${(share * 100).toFixed(1)}% of the exhaustive sweep's ${result.exhaustiveSeconds.toFixed(0)} s. Stopped: ${result.stoppedBy}.`,
    preset: record.preset ? `${record.preset.name} in ${record.preset.file}` : null,
    capacity: record.capacity ? describeWinnerCapacity(record.capacity) : null,
    skipped: record.skipped.map((s) => ({ label: s.label, reason: s.reason })),
    decisions: result.decisions.map((d) => ({ kind: d.kind, text: d.text })),
    trials: result.trials.map((t, index) => ({
      index: index + 1,
      label: label(t.candidate),
      rung: t.rung,
      seconds: `${t.cellSeconds.toFixed(1)} s`,
      goodput: t.score.toFixed(2),
      held: t.held,
      detail: t.detail ?? '',
      runs: t.runIds.join(' '),
    })),
    charts: buildTuneCharts(record),
    generated: `inferload ${toolkitVersion}`,
  };
}
