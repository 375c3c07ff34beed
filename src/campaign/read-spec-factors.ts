// Reads a sweep spec's factor lists (server_factors, load_factors, proxy) with located errors: a server
// factor's values are read as the preset key they set, by the config's own preset reader.
import { isScalar, isSeq, type Node } from 'yaml';
import { didYouMean } from '../config/did-you-mean.ts';
import { joinKey } from '../config/issues.ts';
import { quoteValue, type Entry, type NodeReader } from '../config/node-reader.ts';
import { readPresetValues } from '../config/schema-preset.ts';
import type { PresetValues } from '../config/types.ts';
import { FACTOR_ALIASES, presetKeyNames, resolveFactorKey, resolveProxyKey } from './factor-keys.ts';
import { LOAD_FACTOR_NAMES, type LoadFactor, type LoadFactorName, type ServerFactor } from './sweep-spec.ts';
import type { FactorValue } from './types.ts';

/** Reads `server_factors`: each key a preset key (or an alias), each value a list of that key's values. */
export function readServerFactors(reader: NodeReader, entry: Entry | undefined): ServerFactor[] {
  if (entry === undefined) return [];
  const entries = reader.mapOrEmpty(entry.value, entry.path, entry.keyNode) ?? new Map<string, Entry>();
  const factors: ServerFactor[] = [];
  for (const item of entries.values()) {
    const presetKey = resolveFactorKey(item.key);
    if (presetKey === undefined) {
      const names = [...presetKeyNames(), ...Object.keys(FACTOR_ALIASES)];
      reader.issues.error(
        item.keyNode,
        item.path,
        `not a preset key${didYouMean(item.key, names)}; expected one of ${names.join(', ')}`,
      );
      continue;
    }
    const levels = readList(reader, item, true).flatMap(({ node, path, value }) => {
      const preset = readPresetValues(
        reader,
        new Map([[presetKey, { key: presetKey, path, keyNode: item.keyNode, value: node }]]),
      );
      return Object.keys(preset).length === 0 ? [] : [{ value, preset }];
    });
    if (levels.length > 0) factors.push({ name: item.key, presetKey, levels });
  }
  return factors;
}

/** Reads `load_factors`: concurrency or rate, max_tokens, prompts, each a list. */
export function readLoadFactors(
  reader: NodeReader,
  entry: Entry | undefined,
  at: Node | undefined,
): LoadFactor[] {
  if (entry === undefined) {
    reader.issues.error(at, 'load_factors', 'missing; expected a mapping with concurrency or rate (a list)');
    return [];
  }
  const entries = reader.map(entry.value, entry.path, entry.keyNode) ?? new Map<string, Entry>();
  reader.rejectUnknown(entries, LOAD_FACTOR_NAMES, 'load_factors');
  if (entries.has('concurrency') === entries.has('rate'))
    reader.issues.error(
      entry.value ?? entry.keyNode,
      entry.path,
      entries.has('rate') ? 'give concurrency or rate, not both' : 'missing concurrency or rate (a list)',
    );
  const factors: LoadFactor[] = [];
  for (const name of LOAD_FACTOR_NAMES) {
    const item = entries.get(name);
    if (item === undefined) continue;
    const values = readList(reader, item).flatMap(({ node, path, value }) =>
      checkLoadValue(name, value)
        ? [value]
        : (reader.issues.error(
            node,
            path,
            `expected ${EXPECTED[name]}, got ${typeof value === 'string' ? quoteValue(value) : String(value)}`,
          ),
          []),
    );
    if (values.length > 0) factors.push({ name, values });
  }
  return factors;
}

const EXPECTED: Record<LoadFactorName, string> = {
  concurrency: 'a whole number of users from 1 to 100000',
  rate: 'requests per second above 0',
  max_tokens: 'a whole number of output tokens from 1 to 1000000',
  prompts: 'a prompt set (short, medium, long, shared-prefix) or a prompt file path',
};

function checkLoadValue(name: LoadFactorName, value: FactorValue): boolean {
  switch (name) {
    case 'concurrency':
      return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 100_000;
    case 'max_tokens':
      return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 1_000_000;
    case 'rate':
      return typeof value === 'number' && Number.isFinite(value) && value > 0;
    case 'prompts':
      return typeof value === 'string' && value.trim() !== '';
  }
}

/** Reads `proxy`: nginx settings for `instances`, passed through as the preset keys deploy knows them by. */
export function readProxy(reader: NodeReader, entry: Entry | undefined): PresetValues {
  if (entry === undefined) return {};
  const entries = reader.map(entry.value, entry.path, entry.keyNode) ?? new Map<string, Entry>();
  let values: PresetValues = {};
  for (const item of entries.values()) {
    const { key, tried } = resolveProxyKey(item.key);
    if (key === undefined) {
      reader.issues.error(
        item.keyNode,
        item.path,
        `no preset key for this proxy setting in this build (looked for ${tried.join(', ')})`,
      );
      continue;
    }
    values = { ...values, ...readPresetValues(reader, new Map([[key, { ...item, key }]])) };
  }
  return values;
}

/** The items of a list (a single scalar counts as a list of one), with their paths and plain values. */
function readList(
  reader: NodeReader,
  entry: Entry,
  lists = false,
): { node: Node; path: string; value: FactorValue }[] {
  const items = isSeq(entry.value) ? entry.value.items : [entry.value];
  const read: { node: Node; path: string; value: FactorValue }[] = [];
  items.forEach((raw, index) => {
    const node = reader.resolve(raw);
    const path = isSeq(entry.value) ? joinKey(entry.path, index) : entry.path;
    // A list-valued preset key (extra_args) takes a list per level, shown as its items joined.
    const value = isScalar(node) ? node.value : lists && isSeq(node) ? listText(reader, node) : undefined;
    if (
      node === undefined ||
      !(typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    ) {
      reader.issues.error(node ?? entry.keyNode, path, 'expected a value (text, number or true/false)');
      return;
    }
    read.push({ node, path, value });
  });
  if (isSeq(entry.value) && items.length === 0)
    reader.issues.error(entry.value, entry.path, 'expected at least one value');
  return read;
}

function listText(reader: NodeReader, node: Node): string {
  if (!isSeq(node)) return '';
  const parts = node.items.map((item) => {
    const scalar = reader.resolve(item);
    return isScalar(scalar) ? String(scalar.value) : '?';
  });
  return `[${parts.join(' ')}]`;
}
