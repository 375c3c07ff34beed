// amdahl_fit.csv: one row per scaling factor and N (measured throughput, both laws' predictions, efficiency),
// each row carrying its factor's fitted parameters and their bootstrap intervals, so the file is one table.
import type { Interval } from '../../campaign/analysis/bootstrap-interval.ts';
import type { ScalingAnalysis } from '../../campaign/analysis/scaling-analysis.ts';
import { formatCsv, type CsvValue } from '../csv-format.ts';

/** The columns, in order: throughput in output tok/s, efficiency as a 0-1 share. */
export const AMDAHL_CSV_HEADER = [
  'factor',
  'N',
  'measured',
  'amdahl',
  'usl',
  'efficiency',
  'repetitions',
  'cell',
  'amdahl_s',
  'amdahl_s_low',
  'amdahl_s_high',
  'amdahl_x1',
  'usl_lambda',
  'usl_sigma',
  'usl_sigma_low',
  'usl_sigma_high',
  'usl_kappa',
  'usl_kappa_low',
  'usl_kappa_high',
  'usl_peak_n',
  'ci_level',
] as const;

// Coherency is often below 1e-4: six significant digits instead of the CSV's usual six decimals.
function precise(value: number | undefined): CsvValue {
  return value === undefined || !Number.isFinite(value) ? undefined : String(Number(value.toPrecision(6)));
}

function bounds(
  interval: Interval | undefined,
  format: (v: number | undefined) => CsvValue = (v) => v,
): [CsvValue, CsvValue] {
  return [format(interval?.low), format(interval?.high)];
}

/** Renders the scaling analyses as amdahl_fit.csv (a header only when nothing could be fitted). */
export function renderAmdahlCsv(scaling: readonly ScalingAnalysis[]): string {
  const rows = scaling.flatMap((s) => {
    const amdahl = s.amdahl;
    const usl = s.usl;
    const level = amdahl?.s?.level ?? usl?.sigma?.level;
    const parameters: CsvValue[] = [
      amdahl?.fit.s,
      ...bounds(amdahl?.s),
      amdahl?.fit.x1,
      usl?.fit.lambda,
      usl?.fit.sigma,
      ...bounds(usl?.sigma),
      precise(usl?.fit.kappa),
      ...bounds(usl?.kappa, precise),
      usl?.fit.peakN,
      level,
    ];
    return s.points.map((p): CsvValue[] => [
      s.factor,
      p.n,
      p.measured,
      p.amdahl,
      p.usl,
      p.efficiency,
      p.observations.length,
      p.key,
      ...parameters,
    ]);
  });
  return formatCsv(AMDAHL_CSV_HEADER, rows);
}
