// Which line of the file a resolved preset value came from, so a later check can point at it.
import { joinKey } from './issues.ts';
import { fileKeyOf } from './preset-keys.ts';
import { ALL_PRESETS } from './schema-host.ts';
import type { HostConfig, PresetConfig, PresetKey } from './types.ts';

/**
 * The key path that set `key` for the preset whose extends chain is `chain` (root first) on `host`, in the
 * order resolvePreset applies them: the host's override for the preset, then its `all`, then the chain
 * from the leaf up. Undefined when nothing sets it.
 */
export function presetValueSource(
  chain: readonly PresetConfig[],
  host: HostConfig | undefined,
  key: PresetKey,
): string | undefined {
  const leaf = chain.at(-1);
  const field = fileKeyOf(key);
  if (leaf === undefined) return undefined;
  if (host !== undefined) {
    for (const name of [leaf.name, ALL_PRESETS]) {
      if (host.presetOverrides.get(name)?.[key] !== undefined)
        return joinKey(`hosts.${host.name}.preset_overrides.${name}`, field);
    }
  }
  const preset = [...chain].reverse().find((p) => p.values[key] !== undefined);
  return preset === undefined ? undefined : joinKey(`presets.${preset.name}`, field);
}
