// Collects located errors and warnings while the config is checked, so all of them are reported at once.
import type { LineCounter, Node } from 'yaml';
import type { ConfigIssue, ConfigLocation } from './types.ts';

/** Where an issue points: a YAML node, a character offset, or nothing (the top of the file). */
export type IssueAt = Node | number | undefined;

export class IssueCollector {
  readonly errors: ConfigIssue[] = [];
  readonly warnings: ConfigIssue[] = [];

  constructor(
    readonly file: string,
    private readonly lineCounter: LineCounter,
  ) {}

  error(at: IssueAt, key: string, message: string): void {
    this.errors.push(this.locate(at, key, message));
  }

  warn(at: IssueAt, key: string, message: string): void {
    this.warnings.push(this.locate(at, key, message));
  }

  /** The line and column (1-based) of a node or offset. */
  position(at: IssueAt): ConfigLocation {
    const offset = typeof at === 'number' ? at : (at?.range?.[0] ?? 0);
    const { line, col } = this.lineCounter.linePos(offset);
    return { line, column: col };
  }

  private locate(at: IssueAt, key: string, message: string): ConfigIssue {
    const { line, column } = this.position(at);
    return { file: this.file, line, column, key, message };
  }
}

/** `file:line:column: key: message`, the form editors and terminals turn into links. */
export function formatIssue(issue: ConfigIssue): string {
  const key = issue.key === '' ? '' : `${issue.key}: `;
  return `${issue.file}:${issue.line}:${issue.column}: ${key}${issue.message}`;
}

/** Joins a key path: `presets` + `balanced` gives `presets.balanced`. */
export function joinKey(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/** `file:line:column: key` for a key of a loaded config, or `file: key` when its line is not known. */
export function formatKeyAt(
  config: { path: string; locations?: Map<string, ConfigLocation> },
  key: string,
): string {
  const at = config.locations?.get(key);
  return at === undefined ? `${config.path}: ${key}` : `${config.path}:${at.line}:${at.column}: ${key}`;
}
