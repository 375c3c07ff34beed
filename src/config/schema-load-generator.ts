// Reads `load_generators.NAME`: a host (from `hosts:`, or `local`, which several generators may share) that runs
// one part of a distributed run, with its engine: a k6 binary there, or inferload's embedded engine.
import { readHostReference } from './schema-host.ts';
import type { Entry, NodeReader } from './node-reader.ts';
import { LOAD_GENERATOR_ENGINES, type HostConfig, type LoadGeneratorConfig } from './types.ts';

const KEYS = ['host', 'engine', 'k6', 'inferload', 'workdir'];
const DEFAULT_WORKDIR = '/tmp/inferload-generator';
const ABSOLUTE = {
  expected: 'an absolute path (it is passed to the part as an argument)',
  problem: pathProblem,
};

function pathProblem(text: string): string | undefined {
  return text.startsWith('/') ? undefined : 'not absolute';
}

/** Reads one generator; `hosts` must already be read. */
export function readLoadGenerator(
  reader: NodeReader,
  name: string,
  entry: Entry,
  hosts: Map<string, HostConfig>,
): LoadGeneratorConfig | undefined {
  const entries = reader.map(entry.value, entry.path, entry.keyNode);
  if (entries === undefined) return undefined;
  reader.rejectUnknown(entries, KEYS, `load generator '${name}'`);
  const { host } = readHostReference(reader, entries, entry, hosts);
  const engine = reader.oneOf(entries.get('engine'), LOAD_GENERATOR_ENGINES) ?? 'embedded';
  const k6 = reader.string(entries.get('k6'), 'the path of a k6 binary on that host');
  if (entries.has('k6') && engine !== 'k6') {
    const found = entries.get('k6') as Entry;
    reader.issues.warn(found.keyNode, found.path, 'ignored: only engine: k6 runs a k6 binary');
  }
  const inferload = reader.string(entries.get('inferload'), 'the path of bin/inferload on that host');
  const workdir = reader.string(entries.get('workdir'), ABSOLUTE.expected, false, ABSOLUTE);
  if (host === undefined) return undefined;
  return {
    name,
    host,
    engine,
    k6: k6 ?? 'k6',
    ...(inferload === undefined ? {} : { inferload }),
    workdir: workdir ?? DEFAULT_WORKDIR,
  };
}
