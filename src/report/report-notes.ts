// What the reader should know about the data itself: missing or cut files, skipped lines, sampler notes.
import { describeDamage } from '../results/damaged-run-file.ts';
import type { RunAnalysis } from '../diagnose/analyze-run.ts';
import { RUN_FILES } from '../results/run-files.ts';
import { formatSeconds } from './charts/format.ts';
import { formatQuantity } from './format-values.ts';

/** A note on the run's data. */
export interface NoteView {
  level: 'info' | 'warn';
  text: string;
}

/** A sampler's own note, with when it said it. */
export interface SamplerNoteView {
  time: string;
  sampler: string;
  level: string;
  message: string;
}

const MISSING: Record<string, string> = {
  [RUN_FILES.summary]: `${RUN_FILES.summary} is missing: the headline is computed from the metric stream instead of k6's summary`,
  [RUN_FILES.metrics]: `${RUN_FILES.metrics} is missing: no per-second series, distributions, error kinds or goodput`,
  [RUN_FILES.diagnostics]: `${RUN_FILES.diagnostics} is missing: the server's host was not sampled (run make diagnose)`,
};

/** Notes on the run's files and data, most important first. */
export function buildNotes(analysis: RunAnalysis, extra: string[] = []): NoteView[] {
  const notes: NoteView[] = [];
  const warn = (text: string): number => notes.push({ level: 'warn', text });
  const info = (text: string): number => notes.push({ level: 'info', text });
  const damage = analysis.damage ?? [];
  for (const d of damage) warn(describeDamage(d, d.file));
  for (const file of analysis.missing) info(MISSING[file] ?? `${file} is missing`);
  // A damaged file's own note already says it was cut, and what that cost.
  for (const file of analysis.truncated.filter((f) => !damage.some((d) => d.file === f)))
    warn(`${file} was cut short (the run was interrupted): what it holds is shown`);
  for (const text of extra) warn(text);
  const { unjoinable, orphanPoints } = analysis.requests;
  if (unjoinable > 0) {
    warn(`${formatQuantity(unjoinable, 'request')} without a request_id: goodput cannot be computed`);
  }
  if (orphanPoints > 0) {
    info(`${formatQuantity(orphanPoints, 'metric point')} naming a request that never finished`);
  }
  const missingUsage = analysis.summary?.missingUsage ?? 0;
  if (missingUsage > 0) {
    warn(
      `${formatQuantity(missingUsage, 'response')} without token counts (usage): their tokens are not counted`,
    );
  }
  const ignored = analysis.diagnostics?.ignoredLines ?? 0;
  if (ignored > 0) {
    info(
      `${formatQuantity(ignored, 'line')} of ${RUN_FILES.diagnostics} skipped (an unknown source, or not JSON)`,
    );
  }
  return notes;
}

/** The samplers' own notes (started, failed, found nothing), in file order. */
export function buildSamplerNotes(analysis: RunAnalysis): SamplerNoteView[] {
  return (analysis.diagnostics?.notes ?? []).map((n) => ({
    time: formatSeconds(n.t),
    sampler: n.sampler,
    level: n.level,
    message: n.message,
  }));
}
