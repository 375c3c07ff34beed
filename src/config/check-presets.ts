// Checks that every preset resolves: a sound extends chain, and the required keys on each host a server uses.
import { isMap, type Node } from 'yaml';
import { checkLocalCpuset } from './check-local-cpuset.ts';
import type { Entry, NodeReader } from './node-reader.ts';
import { fileKeyOf } from './preset-keys.ts';
import { finishPreset, presetChain } from './resolve-preset.ts';
import { ALL_PRESETS } from './schema-host.ts';
import type { HostConfig, PresetConfig, PresetValues, ServerConfig } from './types.ts';

export interface ReadPresets {
  presets: Map<string, PresetConfig>;
  entries: Map<string, Entry>;
  /** Presets with errors of their own: a bad value must not also be reported as missing. */
  invalid: Set<string>;
}

/** What config check knows of the machine it runs on. */
export interface MachineFacts {
  /** This machine's online CPUs; undefined skips the cpuset check of host local. */
  localCpus?: readonly number[];
}

/**
 * Every preset must resolve: a sound extends chain, and the required keys on each host a server uses; on
 * host local, a cpuset must name CPUs this machine has.
 */
export function checkResolutions(
  reader: NodeReader,
  { presets, entries, invalid }: ReadPresets,
  hosts: Map<string, HostConfig>,
  servers: Map<string, ServerConfig>,
  machine: MachineFacts = {},
): void {
  const reported = new Set<string>();
  const cpusetsReported = new Set<string>();
  const usedHosts = [...new Set([...servers.values()].map((s) => s.host))].filter((h) => hosts.has(h));
  // External servers are never started by inferload, so a preset's cpuset never reaches their host.
  const deployedOn = new Set(
    [...servers.values()].filter((s) => s.runtime !== 'external').map((s) => s.host),
  );
  for (const [name, preset] of presets) {
    const entry = entries.get(name);
    const result = presetChain(presets, name);
    if (!result.ok) {
      const key = `${result.culprit}: ${result.problem}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const culprit = entries.get(result.culprit);
      const at = culprit === undefined ? entry?.keyNode : extendsNode(reader, culprit);
      reader.issues.error(at, `presets.${result.culprit}.extends`, result.problem);
      continue;
    }
    if (result.chain.some((p) => invalid.has(p.name))) continue;
    const contexts: (string | undefined)[] = usedHosts.length > 0 ? usedHosts : [undefined];
    const missingOn = new Map<string, string[]>();
    const warned = new Set<string>();
    for (const hostName of contexts) {
      const host = hostName === undefined ? undefined : hosts.get(hostName);
      const overrides = [host?.presetOverrides.get(ALL_PRESETS), host?.presetOverrides.get(name)].filter(
        (v): v is PresetValues => v !== undefined,
      );
      const resolved = finishPreset(result.chain, overrides, hostName);
      if ('missing' in resolved) {
        for (const key of resolved.missing)
          missingOn.set(fileKeyOf(key), [...(missingOn.get(fileKeyOf(key)) ?? []), hostName ?? '']);
        continue;
      }
      if (host !== undefined && machine.localCpus !== undefined && deployedOn.has(host.name))
        checkLocalCpuset(reader, resolved, result.chain, host, machine.localCpus, cpusetsReported);
      for (const warning of resolved.warnings) {
        const text =
          overrides.length > 0 && hostName !== undefined ? `on host ${hostName}: ${warning}` : warning;
        if (!warned.has(warning)) reader.issues.warn(entry?.keyNode, `presets.${preset.name}`, text);
        warned.add(warning);
      }
    }
    for (const [key, onHosts] of missingOn) {
      const where = onHosts.length === contexts.length ? '' : ` on host ${onHosts.join(', ')}`;
      reader.issues.error(
        entry?.keyNode,
        `presets.${name}.${key}`,
        `missing${where}; expected it here, in a preset this one extends, or in a host's preset_overrides`,
      );
    }
  }
}

/** The `extends` value node of a preset entry, for pointing at the exact line. */
function extendsNode(reader: NodeReader, entry: Entry): Node | undefined {
  const fields = reader.resolve(entry.value);
  const node = isMap(fields) ? reader.resolve(fields.get('extends', true)) : undefined;
  return node ?? entry.keyNode;
}
