// A server cell as a preset: a synthetic preset extending the spec's base preset with the cell's values, added
// to a copy of the loaded config so that deploy, config checks and diagnose see an ordinary preset.
import { presetChain } from '../config/resolve-preset.ts';
import type { InferloadConfig, PresetValues } from '../config/types.ts';
import { UserError } from '../util/errors.ts';

/** The synthetic preset's name for a server cell: `<campaign id>-s03`. */
export function cellPresetName(campaignId: string, serverIndex: number): string {
  return `${campaignId}-s${String(serverIndex).padStart(2, '0')}`;
}

/** The base preset: the spec's, else the config's active one; throws naming the valid presets when unknown. */
export function checkBasePreset(
  config: InferloadConfig,
  basePreset: string | undefined,
  specPath: string,
): string {
  const name = basePreset ?? config.activePreset;
  const chain = presetChain(config.presets, name);
  if (!chain.ok)
    throw new UserError(
      `${specPath}: base_preset: ${chain.problem} (presets in ${config.path}: ${[...config.presets.keys()].join(', ')})`,
    );
  return name;
}

/** A copy of `config` with the cell's preset added (the original is never changed). */
export function withCellPreset(
  config: InferloadConfig,
  name: string,
  basePreset: string,
  values: PresetValues,
): InferloadConfig {
  const presets = new Map(config.presets);
  presets.set(name, { name, extends: basePreset, description: `a campaign's server cell`, values });
  return { ...config, presets };
}
