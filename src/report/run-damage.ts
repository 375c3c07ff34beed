// The damage of a run's files as the report, the comparison and the commands say it.
import { describeDamage, type DamagedRunFile } from '../results/damaged-run-file.ts';
import type { LoadAnalysis } from '../results/run-analysis.ts';

/** The damage of `file` (a name in the run folder), if that file is damaged. */
export function damageOf(analysis: LoadAnalysis, file: string): DamagedRunFile | undefined {
  return analysis.damage?.find((d) => d.file === file);
}

/** One sentence per damaged file, the file named by `name` (default: its path as the user would type it). */
export function describeRunDamage(
  analysis: LoadAnalysis,
  name?: (damage: DamagedRunFile) => string,
): string[] {
  return (analysis.damage ?? []).map((d) => describeDamage(d, name?.(d)));
}

/** Files are damaged and no figure survived: neither summary.json nor a single metric point could be used. */
export function nothingRecovered(analysis: LoadAnalysis): boolean {
  return (analysis.damage ?? []).length > 0 && analysis.headline.source === 'none';
}
