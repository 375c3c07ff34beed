// Typed reads of YAML nodes that record a located error instead of throwing, so every problem is reported.
import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { checkArgvText } from './argv-text.ts';
import { didYouMean } from './did-you-mean.ts';
import { joinKey, type IssueCollector } from './issues.ts';

/** One `key: value` of a mapping, with its full key path. */
export interface Entry {
  key: string;
  path: string;
  keyNode: Node | undefined;
  value: Node | undefined;
}

/** A check of one text value: what it should be, and why a given value is not that (undefined: it is). */
export interface TextCheck {
  expected: string;
  problem: (text: string) => string | undefined;
}

/** Longest value quoted in full in a message; a longer one is cut, with its length said. */
const SHOWN_VALUE_MAX = 120;

export class NodeReader {
  /** The node of every key path read, so checks made later (and deploy) can point at a value's line. */
  private readonly nodes = new Map<string, Node>();

  constructor(
    private readonly doc: Document,
    readonly issues: IssueCollector,
  ) {}

  /** The node itself, or what an alias (`*name`) points at. */
  resolve(node: unknown): Node | undefined {
    if (isAlias(node)) return node.resolve(this.doc) ?? undefined;
    return isMap(node) || isSeq(node) || isScalar(node) ? node : undefined;
  }

  /** The entries of a mapping, or undefined (with an error) when the node is something else. */
  map(node: Node | undefined, path: string, at: Node | undefined): Map<string, Entry> | undefined {
    if (!isMap(node)) {
      this.issues.error(node ?? at, path, `expected a mapping of keys, got ${describe(node)}`);
      return undefined;
    }
    const entries = new Map<string, Entry>();
    for (const pair of node.items) {
      const keyNode = this.resolve(pair.key);
      if (!isScalar(keyNode) || typeof keyNode.value !== 'string' || keyNode.value === '') {
        this.issues.error(keyNode ?? node, path, `expected text keys, got ${describe(keyNode)}`);
        continue;
      }
      const key = keyNode.value;
      const entry = { key, path: joinKey(path, key), keyNode, value: this.resolve(pair.value) };
      entries.set(key, entry);
      this.nodes.set(entry.path, entry.value ?? keyNode);
    }
    return entries;
  }

  /** Like map, but an empty value (`key:` with nothing after it) counts as an empty mapping. */
  mapOrEmpty(node: Node | undefined, path: string, at: Node | undefined): Map<string, Entry> | undefined {
    if (node === undefined || (isScalar(node) && node.value === null)) return new Map();
    return this.map(node, path, at);
  }

  /** The value node read at a key path (`presets.base.cpuset`), if any. */
  nodeAt(path: string): Node | undefined {
    return this.nodes.get(path);
  }

  /** Every key path read, with its node. */
  get readNodes(): ReadonlyMap<string, Node> {
    return this.nodes;
  }

  /** Reports every key not in `allowed`, with a suggestion for near misses. */
  rejectUnknown(entries: Map<string, Entry>, allowed: readonly string[], where: string): void {
    for (const entry of entries.values()) {
      if (allowed.includes(entry.key)) continue;
      const hint =
        entry.key === '<<'
          ? ' (YAML merge keys are not supported; use extends for presets)'
          : didYouMean(entry.key, allowed);
      this.issues.error(
        entry.keyNode,
        entry.path,
        `unknown key in ${where}${hint}; expected one of ${allowed.join(', ')}`,
      );
    }
  }

  /** The entry, or an error at `at` saying it is missing and what it should hold. */
  require(
    entries: Map<string, Entry>,
    key: string,
    parentPath: string,
    at: Node | undefined,
    expected: string,
  ): Entry | undefined {
    const entry = entries.get(key);
    if (entry === undefined) this.issues.error(at, joinKey(parentPath, key), `missing; expected ${expected}`);
    return entry;
  }

  int(entry: Entry | undefined, min: number, max: number): number | undefined {
    if (entry === undefined) return undefined;
    const value = isScalar(entry.value) ? entry.value.value : undefined;
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    const quoted = typeof value === 'string' && /^-?\d+$/.test(value.trim());
    this.fail(
      entry,
      `an integer from ${min} to ${max}`,
      quoted ? ' (a quoted number is text; drop the quotes)' : '',
    );
    return undefined;
  }

  boolean(entry: Entry | undefined): boolean | undefined {
    if (entry === undefined) return undefined;
    const value = isScalar(entry.value) ? entry.value.value : undefined;
    if (typeof value === 'boolean') return value;
    this.fail(entry, 'true or false');
    return undefined;
  }

  /** Text; a number is taken as written (`8` for a cpuset) only when `numbers` is set. */
  string(
    entry: Entry | undefined,
    expected = 'text',
    numbers = false,
    check?: TextCheck,
  ): string | undefined {
    if (entry === undefined) return undefined;
    const text = scalarText(entry.value, numbers);
    if (text === undefined || text === '') {
      this.fail(entry, expected);
      return undefined;
    }
    const problem = checkArgvText(text) ?? check?.problem(text);
    if (problem === undefined) return text;
    this.fail(entry, check?.expected ?? expected, `: ${problem}`);
    return undefined;
  }

  oneOf<T extends string>(entry: Entry | undefined, values: readonly T[]): T | undefined {
    if (entry === undefined) return undefined;
    const value = isScalar(entry.value) ? entry.value.value : undefined;
    const found = values.find((v) => v === value);
    if (found !== undefined) return found;
    const hint = typeof value === 'string' ? didYouMean(value, values) : '';
    this.fail(entry, `one of ${values.join(', ')}`, hint);
    return undefined;
  }

  /** A list of text items; numbers count as written, since `- 42` is a natural argument. */
  stringList(entry: Entry | undefined, check?: TextCheck): string[] | undefined {
    if (entry === undefined) return undefined;
    if (!isSeq(entry.value)) {
      this.fail(entry, 'a list of text items');
      return undefined;
    }
    const items: string[] = [];
    let ok = true;
    entry.value.items.forEach((raw, index) => {
      const node = this.resolve(raw);
      const text = scalarText(node, true);
      const problem = text === undefined ? undefined : (checkArgvText(text) ?? check?.problem(text));
      if (text === undefined || problem !== undefined) {
        const expected = text === undefined ? 'text' : (check?.expected ?? 'text');
        this.issues.error(
          node ?? entry.value,
          joinKey(entry.path, index),
          `expected ${expected}, got ${describe(node)}${problem === undefined ? '' : `: ${problem}`}`,
        );
        ok = false;
      } else items.push(text);
    });
    return ok ? items : undefined;
  }

  /** A mapping of text to text (environment variables); keys must match `keyPattern`. */
  stringMap(
    entry: Entry | undefined,
    keyPattern: RegExp,
    keyExpected: string,
  ): Record<string, string> | undefined {
    if (entry === undefined) return undefined;
    const entries = this.map(entry.value, entry.path, entry.keyNode);
    if (entries === undefined) return undefined;
    const result: Record<string, string> = {};
    let ok = true;
    for (const item of entries.values()) {
      if (!keyPattern.test(item.key)) {
        this.issues.error(item.keyNode, item.path, `expected ${keyExpected} as the name`);
        ok = false;
        continue;
      }
      const text = scalarText(item.value, true, true);
      const problem = text === undefined ? undefined : checkArgvText(text);
      if (text === undefined || problem !== undefined) {
        this.fail(item, 'a text, number or boolean value', problem === undefined ? '' : `: ${problem}`);
        ok = false;
      } else result[item.key] = text;
    }
    return ok ? result : undefined;
  }

  /** Records `expected X, got Y` at the entry's value (or its key when the value is empty). */
  fail(entry: Entry, expected: string, hint = ''): void {
    this.issues.error(
      entry.value ?? entry.keyNode,
      entry.path,
      `expected ${expected}, got ${describe(entry.value)}${hint}`,
    );
  }
}

/** The scalar's text: strings as is; numbers (and booleans when asked) as written in the file. */
function scalarText(node: Node | undefined, numbers: boolean, booleans = false): string | undefined {
  if (!isScalar(node)) return undefined;
  const { value } = node;
  if (typeof value === 'string') return value;
  if ((typeof value === 'number' && numbers) || (typeof value === 'boolean' && booleans)) {
    return node.source ?? String(value);
  }
  return undefined;
}

/** How a bad value reads in a message: `-3`, `"abc"`, `a list`, `nothing`. */
export function describe(node: Node | undefined): string {
  if (node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const { value } = node;
    if (value === null || value === undefined) return 'nothing';
    if (typeof value === 'string') return quoteValue(value);
    if (typeof value === 'number') return node.source ?? String(value);
    return String(value);
  }
  return 'an unsupported value';
}

/** A text value quoted for a message, cut to its first characters when long. */
export function quoteValue(text: string): string {
  if (text.length <= SHOWN_VALUE_MAX) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, SHOWN_VALUE_MAX))}... (${text.length} characters)`;
}
