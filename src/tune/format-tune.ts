// What `make tune` prints: the plan before it starts (configurations, skipped ones and why, the rungs, the load
// budget against the exhaustive sweep's), and the summary at the end (best, runner-up, load used, the preset).
import type { SweepSpec } from '../campaign/sweep-spec.ts';
import { planRungCounts, rankAtLast, rungSecondsOf } from './search-tune.ts';
import type { TuneCandidate, TuneRecord, TuneSettings } from './types.ts';
import type { WinnerCapacity } from './winner-capacity.ts';

/** `0m05s`, `12m00s`, `1h02m`: always with minutes, so that a live line keeps its width. */
export function formatTuneDuration(seconds: number): string {
  const s = Math.round(seconds);
  return s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
    : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/** The plan, printed before any load (and all of a dry run). */
export function formatTunePlan(plan: {
  id: string;
  spec: Pick<SweepSpec, 'path'>;
  server: string;
  objective: string;
  candidates: readonly TuneCandidate[];
  skipped: readonly { label: string; reason: string }[];
  settings: TuneSettings;
}): string {
  const { settings, candidates } = plan;
  const seconds = rungSecondsOf(settings);
  const counts = planRungCounts(candidates.length, settings);
  const exhaustive = candidates.length * settings.fullSeconds * settings.cellsPerConfig;
  const lines = [
    `tune ${plan.id}: spec ${plan.spec.path} on server ${plan.server}, objective ${plan.objective}`,
    `configurations: ${candidates.length} to search${plan.skipped.length > 0 ? `, ${plan.skipped.length} skipped` : ''}; ${settings.cellsPerConfig} load level(s) each`,
    ...plan.skipped.map((s) => `  skipped ${s.label}: ${s.reason}`),
    `rungs: ${seconds.map((s, k) => `${k === seconds.length - 1 ? 'up to ' : ''}${counts[k]} x ${s.toFixed(1)} s`).join(', then ')} (successive halving, eta ${settings.eta}, promoted by a Gaussian process)`,
    `load budget: ${formatTuneDuration(settings.maxLoadShare * exhaustive)} = ${Math.round(settings.maxLoadShare * 100)}% of the exhaustive sweep's ${formatTuneDuration(exhaustive)} (plus a deploy per cell)`,
  ];
  return lines.join('\n');
}

/** The summary after the search. */
export function formatTuneSummary(record: TuneRecord): string {
  const { result } = record;
  const label = (i: number | undefined): string => result.candidates.find((c) => c.index === i)?.label ?? '';
  const last = result.rungSeconds.length - 1;
  const estimate = (i: number): number => result.estimates.find((e) => e.candidate === i)?.mean ?? NaN;
  const ranked = rankAtLast(result.trials, last, estimate);
  const line = (name: string, i: number | undefined): string[] => {
    const full = ranked.find((r) => r.candidate === i);
    if (i === undefined || !full) return [];
    return [
      `${name.padEnd(11)}${label(i)}: goodput ${full.score.toFixed(2)} req/s in a full cell (model ${full.mean.toFixed(2)})${full.held ? '' : ', objective NOT held'}`,
    ];
  };
  const share = result.exhaustiveSeconds > 0 ? result.loadSeconds / result.exhaustiveSeconds : 0;
  return [
    ...line('best', result.best),
    ...line('runner-up', result.runnerUp),
    `load used  ${formatTuneDuration(result.loadSeconds)} in ${result.trials.length} cells = ${Math.round(share * 100)}% of the exhaustive sweep's ${formatTuneDuration(result.exhaustiveSeconds)}; stopped: ${result.stoppedBy}`,
    ...(record.capacity ? [`capacity   ${describeWinnerCapacity(record.capacity)}`] : []),
    ...(record.preset
      ? [
          `preset     ${record.preset.name} written to ${record.preset.file} (make deploy PRESET=${record.preset.name})`,
        ]
      : []),
  ].join('\n');
}

/** The winner's capacity in one line: the rate, the break, the verdict, where the search is. */
export function describeWinnerCapacity(capacity: WinnerCapacity): string {
  const rate = (r: number | undefined): string => (r === undefined ? 'not found' : `${r.toFixed(2)} req/s`);
  return [
    `max sustainable ${rate(capacity.maxSustainableRate)}, breaking point ${rate(capacity.breakingRate)}`,
    ...(capacity.verdict ? [capacity.verdict] : []),
    `${capacity.partial ? 'partial search, ' : ''}benchmarks/capacity/${capacity.id}/capacity.html`,
  ].join('; ');
}
