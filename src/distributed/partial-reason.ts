// Why a distributed run is partial, in one sentence shared by the runs inferload started and those collected
// from a cluster: the parts that failed and why, and what the merge holds of each (a failed part's samples up
// to its failure are merged too, so "the parts that finished" alone would understate it).
import type { PartInfo } from './types.ts';

/** The partial run's reason; `where` names a part's place (its host, or nothing). */
export function describePartialMerge(
  infos: readonly PartInfo[],
  where: (info: PartInfo) => string = () => '',
): string {
  const failed = infos.filter((info) => info.failed !== undefined);
  const finished = infos.length - failed.length;
  const causes = failed.map((info) => `part ${info.name}${where(info)} ${info.failed ?? ''}`).join('; ');
  const kept = failed.map((info) =>
    info.samples > 0
      ? `the ${info.samples} samples part ${info.name} wrote before it failed`
      : `nothing from part ${info.name}`,
  );
  return `${causes}; the run is partial: merged from the ${finished} of ${infos.length} parts that finished, with ${joinAnd(kept)}`;
}

function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}
