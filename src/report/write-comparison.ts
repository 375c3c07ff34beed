// `inferload compare`: run folders in, compare.html and compare.md written to benchmarks/compare-<stamp>/ (or
// the folder asked for).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeRun } from '../diagnose/analyze-run.ts';
import { compareRuns, type RunComparison } from '../results/compare-runs.ts';
import type { RunObjective } from '../results/objective-defaults.ts';
import { formatRunStamp } from '../results/run-store.ts';
import { benchmarksDir } from '../util/paths.ts';
import { writeFileAtomic } from '../util/write-atomic.ts';
import { buildComparisonModel } from './comparison-model.ts';
import { renderComparisonHtml } from './html-pages.ts';
import { renderComparisonMarkdown } from './render-comparison-markdown.ts';
import { describeRunDamage } from './run-damage.ts';

/** The files a comparison writes into its own folder (never a run folder). */
export const COMPARISON_FILES = { html: 'compare.html', markdown: 'compare.md' } as const;

/** Where a comparison was written. */
export interface ComparisonPaths {
  dir: string;
  html: string;
  markdown: string;
}

/** What a comparison found besides its paths. */
export interface ComparisonOutcome {
  comparison: RunComparison;
  /** One warning per damaged file of any run, naming it by its path. */
  damage: string[];
}

/** A new folder benchmarks/compare-<yyyymmdd-hhmmss>[-n]/ (never one that exists). */
export function createComparisonDir(root = benchmarksDir(), now = new Date()): string {
  const base = join(root, `compare-${formatRunStamp(now)}`);
  let dir = base;
  for (let n = 2; existsSync(dir); n++) dir = `${base}-${n}`;
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Analyses the runs, compares them under the objective and writes the comparison; returns its paths. */
export async function writeComparison(
  runDirs: readonly string[],
  objective: RunObjective,
  outDir?: string,
): Promise<ComparisonPaths & ComparisonOutcome> {
  const analyses = [];
  for (const dir of runDirs) analyses.push(await analyzeRun(dir, { slo: objective.slo }));
  const comparison = compareRuns(analyses, objective);
  const model = buildComparisonModel(analyses, comparison);
  const dir = outDir ?? createComparisonDir();
  mkdirSync(dir, { recursive: true });
  const html = join(dir, COMPARISON_FILES.html);
  const markdown = join(dir, COMPARISON_FILES.markdown);
  writeFileAtomic(html, renderComparisonHtml(model));
  writeFileAtomic(markdown, renderComparisonMarkdown(model));
  return { dir, html, markdown, comparison, damage: analyses.flatMap((a) => describeRunDamage(a)) };
}
