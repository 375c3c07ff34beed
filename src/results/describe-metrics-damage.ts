// What a read of metrics.json.gz saw go wrong, as one damaged-file entry: the damage, and what was recovered.
import type { DamagedRunFile } from './damaged-run-file.ts';
import type { GzipDamage } from './gunzip-file.ts';
import type { ReadPointsStats } from './read-metric-points.ts';

const count = (n: number): string => n.toLocaleString('en-US');

function describeGzip(damage: GzipDamage): string {
  switch (damage.kind) {
    case 'empty':
      return 'empty (0 bytes)';
    case 'not-gzip':
      return `not gzip (${damage.reason})`;
    case 'corrupt':
      return `gzip data corrupt between bytes ${count(damage.from)} and ${count(damage.to)} (${damage.reason})`;
    case 'checksum':
      return `gzip checksum wrong (${damage.reason}): the data decoded, but is not all what was written`;
    case 'cut':
      return 'cut short (the gzip stream ends without its trailer)';
  }
}

/** The damage a read of `path` recorded in `stats`, or undefined when the file was read whole and clean. */
export function describeMetricsDamage(
  path: string,
  file: string,
  stats: ReadPointsStats,
  startMs?: number,
): DamagedRunFile | undefined {
  const problems: string[] = [];
  if (stats.gzip) problems.push(describeGzip(stats.gzip));
  else if (stats.cutLine) problems.push('its last line is cut (the run stopped while writing it)');
  if (stats.malformedLines > 0) {
    problems.push(
      `${count(stats.malformedLines)} malformed line${stats.malformedLines === 1 ? '' : 's'} skipped`,
    );
  }
  if (problems.length === 0) return undefined;
  const points = `${count(stats.points)} point${stats.points === 1 ? '' : 's'}`;
  const wrong = stats.gzip?.kind === 'checksum';
  const endsEarly = (stats.gzip !== undefined && !wrong) || stats.cutLine === true;
  const at =
    startMs !== undefined && stats.lastPointMs !== undefined
      ? ` (${((stats.lastPointMs - startMs) / 1000).toFixed(1)} s into the run)`
      : '';
  const recovered =
    stats.points === 0
      ? 'nothing could be read from it: no per-second series, distributions, error kinds or goodput'
      : wrong
        ? `read ${points}, any of which may be wrong`
        : endsEarly
          ? `read ${points} up to there${at} — figures after that moment are missing`
          : `read ${points}`;
  return { path, file, problem: problems.join('; '), recovered, unusable: stats.points === 0 };
}
