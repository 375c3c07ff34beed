// make capacity: the search run for real, step by step, its record saved after every step (an interrupt or a
// crash loses nothing measured), the server drained between steps, the confirmations run with diagnose sampling
// alongside for the verdict of what limits the server at the rate found, and the report written.
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { judgeRun } from '../diagnose/judge-run.ts';
import type { DiagnosticsPlan } from '../diagnose/run-diagnostics.ts';
import type { PresetFacts } from '../diagnose/verdict/recommend.ts';
import { formatRunStamp } from '../results/run-store.ts';
import { benchmarksDir } from '../util/paths.ts';
import { writeFileAtomic } from '../util/write-atomic.ts';
import { UserError } from '../util/errors.ts';
import { runStep, type StepContext } from './run-step.ts';
import { waitDrained } from './wait-drained.ts';
import { describeLoad, formatRate } from './format-rate.ts';
import { searchCapacity, type SearchSettings } from './search-capacity.ts';
import type { CapacityRecord, CapacityStep, StepLoad } from './types.ts';

export const CAPACITY_FILE = 'capacity.json';

export interface CapacityOptions {
  context: StepContext;
  /** The URL every step loads (already acquired), and the server's name in the config, if any. */
  target: string;
  server?: string;
  objective: string;
  search: SearchSettings;
  /** Diagnostics for the confirmation step; none: it is not judged. */
  diagnostics?: (target: { url: string }) => Promise<DiagnosticsPlan>;
  preset?: PresetFacts;
  /** Writes the report files from the record (after every step and at the end). */
  render: (dir: string, record: CapacityRecord) => void;
}

/** A step stopped by an interrupt: the search ends, what it measured is kept. */
class SearchStopped extends Error {}

/** Runs the search; resolves with the record (partial when interrupted) and its folder. */
export async function runCapacity(
  options: CapacityOptions,
): Promise<{ record: CapacityRecord; dir: string }> {
  const { context } = options;
  const now = new Date();
  const id = `${formatRunStamp(now)}-capacity-${randomBytes(3).toString('hex')}`;
  const dir = join(benchmarksDir(), 'capacity', id);
  mkdirSync(dir, { recursive: true });
  const record: CapacityRecord = {
    id,
    target: options.target,
    ...(options.server ? { server: options.server } : {}),
    objective: options.objective,
    startedAt: now.toISOString(),
    partial: true,
    settings: {
      capSeconds: context.capSeconds,
      minSeconds: context.minSeconds,
      precision: options.search.precision,
      probeUsers: options.search.probeUsers,
    },
    steps: [],
    notes: [],
  };
  const save = (): void => {
    writeFileAtomic(join(dir, CAPACITY_FILE), `${JSON.stringify(record, null, 2)}\n`);
    options.render(dir, record);
  };
  save();
  context.log(`capacity ${id}: saving to ${dir}`);
  const drain = async (index: number): Promise<void> => {
    const drained = await waitDrained(options.target);
    const seconds = (drained.waitedMs / 1000).toFixed(1);
    if (drained.state === 'busy') {
      const note = `step ${index} started on a busy server: ${drained.inProgress} requests still in progress after ${seconds} s`;
      record.notes.push(note);
      context.log(`warning: ${note}`);
    } else if (drained.state === 'drained' && drained.waitedMs >= 1000)
      context.log(`the server drained the previous step's queue in ${seconds} s`);
  };
  const measure = async (load: StepLoad): Promise<CapacityStep> => {
    // A confirmation runs with diagnose's samplers alongside.
    const extra = load.kind === 'confirm' && options.diagnostics ? { diagnostics: options.diagnostics } : {};
    const index = record.steps.length + 1;
    if (index > 1) await drain(index);
    context.log(`step ${index} (${load.kind}): ${describeLoad(load)}, at most ${context.capSeconds} s`);
    let step: CapacityStep;
    try {
      step = await runStep({ ...context, target: options.target }, load, index, extra);
    } catch (error) {
      if (error instanceof UserError && /interrupted/.test(error.message))
        throw new SearchStopped(error.message);
      throw error;
    }
    record.steps.push(step);
    save();
    const w = step.window;
    context.log(
      `step ${index}: ${step.seconds.toFixed(0)} s, stopped by ${step.stoppedBy} (${step.why}); ` +
        `${formatRate(w.throughput)} finished, goodput ${w.goodput.toFixed(2)}, errors ${(w.errorShare * 100).toFixed(1)}%` +
        `${w.ttftP95 === undefined ? '' : `, p95 TTFT ${Math.round(w.ttftP95)} ms`}` +
        ` -> ${step.judgement.sustainable ? 'sustainable' : `not sustainable: ${step.judgement.misses.join('; ')}`}`,
    );
    if (step.stoppedBy === 'interrupted') throw new SearchStopped(step.why);
    return step;
  };
  try {
    const result = await searchCapacity(measure, options.search, context.log);
    Object.assign(record, {
      ...(result.maxSustainable ? { maxSustainable: result.maxSustainable } : {}),
      ...(result.breakingPoint ? { breakingPoint: result.breakingPoint } : {}),
      ...(result.knee ? { knee: result.knee } : {}),
    });
    record.notes.push(...result.notes);
    save();
    // diagnose's verdict from the confirmation at the rate found (the last confirmation if none held).
    const confirms = record.steps.filter((s) => s.kind === 'confirm');
    const judged = confirms.find((s) => s.index === result.maxSustainable?.step) ?? confirms.at(-1);
    if (judged && options.diagnostics) {
      const diagnosis = await judgeRun(join(benchmarksDir(), judged.runId), options.preset);
      record.verdict = {
        kind: diagnosis.verdict.kind,
        summary: diagnosis.verdict.summary,
        recommendation: diagnosis.recommendation,
        runId: judged.runId,
      };
    }
    record.partial = false;
  } catch (error) {
    if (!(error instanceof SearchStopped)) {
      record.partialReason = `failed: ${error instanceof Error ? error.message : String(error)}`;
      record.endedAt = new Date().toISOString();
      save();
      throw error;
    }
    record.partialReason = error.message;
  }
  record.endedAt = new Date().toISOString();
  save();
  return { record, dir };
}
