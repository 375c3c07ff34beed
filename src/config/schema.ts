// Checks config/llama.yaml against its schema and returns the typed config, or every located error at once.
import { isMap, LineCounter, parseDocument } from 'yaml';
import { didYouMean } from './did-you-mean.ts';
import { IssueCollector } from './issues.ts';
import { NodeReader, type Entry } from './node-reader.ts';
import { checkResolutions, type MachineFacts, type ReadPresets } from './check-presets.ts';
import { checkQuadletPresetArgs } from './check-quadlet-args.ts';
import { ALL_PRESETS, LOCAL_HOST, readHost } from './schema-host.ts';
import { readPreset } from './schema-preset.ts';
import { readServer } from './schema-server.ts';
import { readLoadGenerator } from './schema-load-generator.ts';
import type {
  ConfigIssue,
  ConfigLocation,
  HostConfig,
  InferloadConfig,
  LoadGeneratorConfig,
  PresetConfig,
  ServerConfig,
} from './types.ts';

const TOP_KEYS = ['hosts', 'servers', 'presets', 'active_preset', 'load_generators'];
// Names end up in container, unit and file names, so they stay plain.
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;
const NAME_EXPECTED = "a name of letters, digits, '-' and '_' (at most 63, starting with a letter or digit)";

export interface ValidationResult {
  /** Present only when there are no errors. */
  config?: InferloadConfig;
  errors: ConfigIssue[];
  warnings: ConfigIssue[];
}

/**
 * Parses and checks the text of a config file; `file` is how messages name it. `machine` holds what is known
 * of this machine (its CPUs, for host local); left out, those checks are skipped.
 */
export function validateConfigText(text: string, file: string, machine: MachineFacts = {}): ValidationResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const issues = new IssueCollector(file, lineCounter);
  for (const error of doc.errors) issues.error(error.pos[0], '', `YAML syntax error: ${error.message}`);
  for (const warning of doc.warnings) issues.warn(warning.pos[0], '', warning.message);
  if (issues.errors.length > 0) return { errors: issues.errors, warnings: issues.warnings };

  const reader = new NodeReader(doc, issues);
  const root = reader.resolve(doc.contents);
  if (root === undefined) {
    issues.error(0, '', `the file is empty; expected the keys ${TOP_KEYS.join(', ')}`);
    return { errors: issues.errors, warnings: issues.warnings };
  }
  const top = reader.map(root, '', undefined) ?? new Map<string, Entry>();
  reader.rejectUnknown(top, TOP_KEYS, 'the top level');

  const hosts = readHosts(reader, top.get('hosts'));
  const presets = readPresets(reader, reader.require(top, 'presets', '', root, 'a mapping of preset names'));
  const servers = readServers(reader, top.get('servers'), hosts.hosts);
  const loadGenerators = new Map<string, LoadGeneratorConfig>();
  for (const entry of namedEntries(reader, top.get('load_generators'))) {
    const generator = readLoadGenerator(reader, entry.key, entry, hosts.hosts);
    if (generator) loadGenerators.set(entry.key, generator);
  }
  checkOverrideNames(reader, hosts.overrideEntries, presets.presets);
  const activeEntry = reader.require(top, 'active_preset', '', root, 'the name of a preset under presets');
  const activePreset = reader.string(activeEntry, 'the name of a preset under presets');
  if (
    activeEntry &&
    activePreset !== undefined &&
    presets.presets.size > 0 &&
    !presets.presets.has(activePreset)
  ) {
    const names = [...presets.presets.keys()];
    reader.fail(activeEntry, `one of ${names.join(', ')}`, didYouMean(activePreset, names));
  }
  checkResolutions(reader, presets, hosts.hosts, servers, machine);
  checkQuadletPresetArgs(reader, presets.entries.values(), hosts.overrideEntries, servers);

  issues.errors.sort(byPosition);
  issues.warnings.sort(byPosition);
  if (issues.errors.length > 0) return { errors: issues.errors, warnings: issues.warnings };
  const locations = new Map<string, ConfigLocation>();
  for (const [path, node] of reader.readNodes) locations.set(path, issues.position(node));
  const config: InferloadConfig = {
    path: file,
    locations,
    activePreset: activePreset ?? '',
    hosts: hosts.hosts,
    servers,
    presets: presets.presets,
    loadGenerators,
    warnings: issues.warnings,
  };
  return { config, errors: [], warnings: issues.warnings };
}

/** The entries of a section whose keys are names, checking each name. */
function namedEntries(reader: NodeReader, section: Entry | undefined): Entry[] {
  if (section === undefined) return [];
  const entries = reader.mapOrEmpty(section.value, section.path, section.keyNode);
  if (entries === undefined) return [];
  const valid = [...entries.values()].filter((entry) => NAME.test(entry.key));
  for (const entry of entries.values()) {
    if (!NAME.test(entry.key)) reader.issues.error(entry.keyNode, entry.path, `expected ${NAME_EXPECTED}`);
  }
  return valid;
}

function readHosts(
  reader: NodeReader,
  section: Entry | undefined,
): { hosts: Map<string, HostConfig>; overrideEntries: Map<string, Entry[]> } {
  const hosts = new Map<string, HostConfig>();
  const overrideEntries = new Map<string, Entry[]>();
  for (const entry of namedEntries(reader, section)) {
    const read = readHost(reader, entry.key, entry);
    hosts.set(entry.key, read.host);
    overrideEntries.set(entry.key, read.overrideEntries);
  }
  // The local machine is always there, declared or not.
  if (!hosts.has(LOCAL_HOST))
    hosts.set(LOCAL_HOST, { name: LOCAL_HOST, connection: 'local', presetOverrides: new Map() });
  return { hosts, overrideEntries };
}

function readPresets(reader: NodeReader, section: Entry | undefined): ReadPresets {
  const presets = new Map<string, PresetConfig>();
  const entries = new Map<string, Entry>();
  const invalid = new Set<string>();
  for (const entry of namedEntries(reader, section)) {
    if (entry.key === ALL_PRESETS) {
      reader.issues.error(
        entry.keyNode,
        entry.path,
        `'${ALL_PRESETS}' is reserved for preset_overrides; pick another name`,
      );
      continue;
    }
    const errorsBefore = reader.issues.errors.length;
    presets.set(entry.key, readPreset(reader, entry.key, entry));
    entries.set(entry.key, entry);
    if (reader.issues.errors.length > errorsBefore) invalid.add(entry.key);
  }
  if (section !== undefined && isMap(section.value) && section.value.items.length === 0) {
    reader.issues.error(section.keyNode, section.path, 'expected at least one preset');
  }
  return { presets, entries, invalid };
}

function readServers(
  reader: NodeReader,
  section: Entry | undefined,
  hosts: Map<string, HostConfig>,
): Map<string, ServerConfig> {
  const servers = new Map<string, ServerConfig>();
  const byAddress = new Map<string, string>();
  for (const entry of namedEntries(reader, section)) {
    const server = readServer(reader, entry.key, entry, hosts);
    if (server === undefined) continue;
    servers.set(entry.key, server);
    if (server.runtime === 'external') continue;
    const where = `${server.host}:${server.port}`;
    const other = byAddress.get(where);
    if (other !== undefined) {
      reader.issues.warn(
        entry.keyNode,
        entry.path,
        `shares port ${server.port} on host ${server.host} with server '${other}'; run one at a time`,
      );
    } else byAddress.set(where, entry.key);
  }
  return servers;
}

function checkOverrideNames(
  reader: NodeReader,
  overrideEntries: Map<string, Entry[]>,
  presets: Map<string, PresetConfig>,
): void {
  if (presets.size === 0) return;
  for (const entry of [...overrideEntries.values()].flat()) {
    if (entry.key === ALL_PRESETS || presets.has(entry.key)) continue;
    const valid = [ALL_PRESETS, ...presets.keys()];
    reader.issues.error(
      entry.keyNode,
      entry.path,
      `unknown preset '${entry.key}'${didYouMean(entry.key, valid)}; expected one of ${valid.join(', ')}`,
    );
  }
}

/** File order, so the list reads top to bottom like the file. */
function byPosition(a: ConfigIssue, b: ConfigIssue): number {
  return a.line - b.line || a.column - b.column;
}
