// Preset extra_args land in a quadlet unit's Exec= when the preset is deployed to a quadlet server, and
// quadlet cannot pass some arguments at all: refuse them here, as rendering the unit would.
import { isScalar, isSeq } from 'yaml';
import { checkExecArg } from '../podman/quadlet-escape.ts';
import { joinKey } from './issues.ts';
import { describe, type Entry, type NodeReader } from './node-reader.ts';
import type { ServerConfig } from './types.ts';

/**
 * Checks every preset's extra_args when some server runs under quadlet (any preset may be deployed to it),
 * and each host's preset_overrides when a quadlet server runs on that host.
 */
export function checkQuadletPresetArgs(
  reader: NodeReader,
  presetEntries: Iterable<Entry>,
  overrideEntries: ReadonlyMap<string, Entry[]>,
  servers: ReadonlyMap<string, ServerConfig>,
): void {
  const quadlet = [...servers.values()].filter((server) => server.runtime === 'quadlet');
  if (quadlet.length === 0) return;
  const names = (list: ServerConfig[]): string =>
    `${list.length === 1 ? 'server' : 'servers'} ${list.map((s) => s.name).join(', ')}`;
  for (const entry of presetEntries) checkArgs(reader, entry, names(quadlet));
  for (const [host, entries] of overrideEntries) {
    const onHost = quadlet.filter((server) => server.host === host);
    if (onHost.length > 0) for (const entry of entries) checkArgs(reader, entry, names(onHost));
  }
}

function checkArgs(reader: NodeReader, entry: Entry, servers: string): void {
  const path = joinKey(entry.path, 'extra_args');
  const list = reader.nodeAt(path);
  if (!isSeq(list)) return;
  list.items.forEach((raw, index) => {
    const item = reader.resolve(raw);
    if (!isScalar(item) || typeof item.value !== 'string') return;
    const problem = checkExecArg(item.value);
    if (problem === undefined) return;
    reader.issues.error(
      item,
      joinKey(path, index),
      `expected an argument quadlet can pass (${servers} run under quadlet), got ${describe(item)}: ${problem}`,
    );
  });
}
