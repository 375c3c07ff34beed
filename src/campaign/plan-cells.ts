// The matrix: server configurations crossed with load levels and repetitions, with ids that stay the same
// for the same spec (the resume key). Pure.
import type { PresetValues } from '../config/types.ts';
import type { LoadFactor, ServerFactor, SweepSpec } from './sweep-spec.ts';
import type { CampaignCell, FactorValue } from './types.ts';

/** One server configuration: the factors' values and the preset values they become. */
export interface ServerCell {
  index: number;
  factors: Record<string, FactorValue>;
  preset: PresetValues;
}

/** Every server configuration, first factor outermost, in the spec's order of values. */
export function planServerCells(factors: readonly ServerFactor[], fixed: PresetValues = {}): ServerCell[] {
  let combos: { factors: Record<string, FactorValue>; preset: PresetValues }[] = [
    { factors: {}, preset: { ...fixed } },
  ];
  for (const factor of factors) {
    combos = combos.flatMap((combo) =>
      factor.levels.map((level) => ({
        factors: { ...combo.factors, [factor.name]: level.value },
        preset: { ...combo.preset, ...level.preset },
      })),
    );
  }
  return combos.map((combo, index) => ({ index, ...combo }));
}

/** Every load level, first factor outermost. */
export function planLoadLevels(factors: readonly LoadFactor[]): Record<string, FactorValue>[] {
  let combos: Record<string, FactorValue>[] = [{}];
  for (const factor of factors) {
    combos = combos.flatMap((combo) => factor.values.map((value) => ({ ...combo, [factor.name]: value })));
  }
  return combos;
}

/** The cell id: `s<server>-l<load>-r<repetition>`, zero-padded to two digits (`s03-l02-r1`). */
export function formatCellId(serverIndex: number, loadIndex: number, repetition: number): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `s${pad(serverIndex)}-l${pad(loadIndex)}-r${repetition}`;
}

/** The spec's cells in running order: per server configuration, each load level, each repetition. */
export function planCells(
  spec: Pick<SweepSpec, 'serverFactors' | 'loadFactors' | 'repetitions' | 'fixedPreset'>,
): {
  servers: ServerCell[];
  cells: CampaignCell[];
} {
  const servers = planServerCells(spec.serverFactors, spec.fixedPreset);
  const loads = planLoadLevels(spec.loadFactors);
  const cells = servers.flatMap((server) =>
    loads.flatMap((load, loadIndex) =>
      Array.from({ length: spec.repetitions }, (_, r) => ({
        id: formatCellId(server.index, loadIndex, r + 1),
        serverIndex: server.index,
        server: server.factors,
        load,
        repetition: r + 1,
      })),
    ),
  );
  return { servers, cells };
}
