// Markdown building blocks that keep user text literal: escaped prose, code spans, and tables whose cells
// cannot break out of their row.

/** Text that renders as itself in GitHub Markdown: no emphasis, links, tables or raw HTML. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\\`*_[\]|~]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A code span holding any text (backticks included); `|` is escaped so that it also works in a table cell. */
export function formatCode(text: string): string {
  const flat = text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A table; cells are Markdown already (escape or formatCode them first); `right` marks numeric columns. */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  right: readonly boolean[] = [],
): string {
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
  const rule = headers.map((_, i) => (right[i] ? '---:' : '---'));
  return [line(headers), line(rule), ...rows.map(line)].join('\n');
}
