// k6's legacy end-of-test text summary (internal/js/summary-legacy.js generateTextSummary).
import { humanizeValue } from './humanize.ts';
import type { SummaryCheck, SummaryData, SummaryGroup, SummaryMetric } from './summary-data.ts';

export interface TextSummaryOptions {
  /** Prefix of every line (k6: one space). */
  readonly indent?: string;
  /** ANSI colours (k6: on unless noColor or stdout is not a TTY). */
  readonly enableColors?: boolean;
}

type Decorate = (text: string, ...codes: number[]) => string;

const GREEN = 32;
const RED = 31;
const CYAN = 36;
const FAINT = 2;
const SUCCESS = '✓';
const FAILURE = '✗';

/** Renders the checks tree and the metrics table, without the surrounding blank lines. */
export function renderTextSummary(data: SummaryData, options: TextSummaryOptions = {}): string {
  const indent = options.indent ?? ' ';
  const decorate: Decorate = options.enableColors
    ? (text, ...codes) => `\x1b[${codes.join(';')}m${text}\x1b[0m`
    : (text) => text;
  return [
    ...renderGroup(`${indent}    `, data.root_group, decorate),
    ...renderMetrics(`${indent}  `, data, decorate),
  ].join('\n');
}

/** What k6 prints when handleSummary is absent: the text summary framed by blank lines. */
export function renderDefaultSummary(data: SummaryData, options: TextSummaryOptions = {}): string {
  return `\n${renderTextSummary(data, options)}\n\n`;
}

function renderGroup(indent: string, group: SummaryGroup, decorate: Decorate): string[] {
  const lines: string[] = [];
  let inner = indent;
  if (group.name !== '') {
    lines.push(`${indent}█ ${group.name}\n`);
    inner = `${indent}  `;
  }
  for (const check of group.checks) lines.push(renderCheck(inner, check, decorate));
  if (group.checks.length > 0) lines.push('');
  for (const child of group.groups) lines.push(...renderGroup(inner, child, decorate));
  return lines;
}

function renderCheck(indent: string, check: SummaryCheck, decorate: Decorate): string {
  if (check.fails === 0) return decorate(`${indent}${SUCCESS} ${check.name}`, GREEN);
  const percent = Math.floor((100 * check.passes) / (check.passes + check.fails));
  const detail = `${indent} ↳  ${percent}% — ${SUCCESS} ${check.passes} / ${FAILURE} ${check.fails}`;
  return decorate(`${indent}${FAILURE} ${check.name}\n${detail}`, RED);
}

function renderMetrics(indent: string, data: SummaryData, decorate: Decorate): string[] {
  const names = Object.keys(data.metrics).sort(compareMetricNames);
  const timeUnit = data.options.summaryTimeUnit;
  const stats = data.options.summaryTrendStats;
  const cells = new Map<string, string[]>();
  for (const name of names) {
    const metric = data.metrics[name] as SummaryMetric;
    cells.set(
      name,
      metric.type === 'trend' ? trendCells(metric, stats, timeUnit) : otherCells(metric, timeUnit),
    );
  }
  const nameWidth = Math.max(0, ...names.map((name) => width(indentFor(name) + displayName(name))));
  const isTrend = (name: string): boolean => data.metrics[name]?.type === 'trend';
  const trendWidths = columnWidths(names.filter(isTrend).map((n) => cells.get(n) ?? []));
  const otherWidths = columnWidths(names.filter((n) => !isTrend(n)).map((n) => cells.get(n) ?? []));

  return names.map((name) => {
    const metric = data.metrics[name] as SummaryMetric;
    const values = cells.get(name) ?? [];
    const body = isTrend(name)
      ? values.map((v, i) => `${stats[i]}=${decorate(v, CYAN)}${pad(v, trendWidths[i])}`)
      : values.map(
          (v, i) => (i === 0 ? decorate(v, CYAN) : decorate(v, CYAN, FAINT)) + pad(v, otherWidths[i]),
        );
    const label = displayName(name);
    const dots = decorate(`${'.'.repeat(nameWidth - width(label) - width(indentFor(name)) + 3)}:`, FAINT);
    const line = `${indent}${indentFor(name)}${thresholdMark(metric, decorate)} ${label}${dots} ${body.join(' ')}`;
    return line.trimEnd();
  });
}

// Blank without thresholds, ✓ when all pass, ✗ when any failed.
function thresholdMark(metric: SummaryMetric, decorate: Decorate): string {
  if (metric.thresholds === undefined) return ' ';
  const failed = Object.values(metric.thresholds).some((t) => !t.ok);
  return failed ? decorate(FAILURE, RED) : decorate(SUCCESS, GREEN);
}

function trendCells(metric: SummaryMetric, stats: readonly string[], timeUnit: string): string[] {
  return stats.map((stat) => {
    const value = metric.values[stat] ?? 0;
    return stat === 'count' ? String(value) : humanizeValue(value, metric, timeUnit);
  });
}

function otherCells(metric: SummaryMetric, timeUnit: string): string[] {
  const v = metric.values;
  const h = (value: number | undefined): string => humanizeValue(value ?? 0, metric, timeUnit);
  switch (metric.type) {
    case 'counter':
      return [h(v['count']), `${h(v['rate'])}/s`];
    case 'gauge':
      return [h(v['value']), `min=${h(v['min'])}`, `max=${h(v['max'])}`];
    default:
      return [h(v['rate']), `${SUCCESS} ${v['passes'] ?? 0}`, `${FAILURE} ${v['fails'] ?? 0}`];
  }
}

function columnWidths(rows: readonly string[][]): number[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, width(cell))));
  return widths;
}

// Sorted by parent name, sub-metrics right after their parent.
function compareMetricNames(a: string, b: string): number {
  const parentA = a.split('{', 1)[0] ?? a;
  const parentB = b.split('{', 1)[0] ?? b;
  const byParent = parentA.localeCompare(parentB);
  return byParent !== 0 ? byParent : a.slice(parentA.length).localeCompare(b.slice(parentB.length));
}

function displayName(name: string): string {
  const brace = name.indexOf('{');
  return brace < 0 ? name : `{ ${name.slice(brace + 1, -1)} }`;
}

function indentFor(name: string): string {
  return name.includes('{') ? '  ' : '';
}

function pad(text: string, columnWidth: number | undefined): string {
  return ' '.repeat(Math.max(0, (columnWidth ?? 0) - width(text)));
}

// Visible width: code points after NFKC normalisation (no ANSI codes are measured here).
function width(text: string): number {
  return [...text.normalize('NFKC')].length;
}
