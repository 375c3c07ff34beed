// The saved runs as `inferload runs` lists them: meta.json and summary.json only, so that it stays cheap. A run
// whose files are damaged is listed as damaged, with the file and the damage, never left out.
import { existsSync } from 'node:fs';
import { benchmarksDir } from '../util/paths.ts';
import { DamagedRunFileError } from './damaged-run-file.ts';
import { summarizeLlmRun } from './llm-summary.ts';
import { listRunFolders } from './run-folders.ts';
import { runFilePath } from './run-files.ts';

/** One saved run; a figure its folder cannot give stays undefined. */
export interface RunRow {
  id: string;
  /** From meta.json; for a run whose meta.json is damaged, from its folder's name ('' when that has none). */
  startedAt: string;
  profile: string;
  preset?: string;
  target: string;
  durationSeconds?: number;
  requests?: number;
  outputTokensPerSecond?: number;
  e2eP95Ms?: number;
  partial: boolean;
  exitCode?: number;
  /** A damaged file of the run and what is wrong with it: "meta.json: not valid JSON (...)". */
  damaged?: string;
  /** The outcome meta.json records (passed, failed, thresholds_failed, interrupted, error); older runs lack it. */
  outcome?: string;
}

/** The saved runs under `root`, newest first. */
export function listRunRows(root = benchmarksDir()): RunRow[] {
  return listRunFolders(root).map((folder): RunRow => {
    if ('damage' in folder) {
      return {
        id: folder.id,
        startedAt: folder.startedAt ?? '',
        profile: '-',
        target: '-',
        partial: false,
        damaged: `${folder.damage.file}: ${folder.damage.problem}`,
      };
    }
    const { meta } = folder;
    const end = meta.endedAt ? Date.parse(meta.endedAt) : Number.NaN;
    const seconds = (end - Date.parse(meta.startedAt)) / 1000;
    const durationSeconds = Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
    const row: RunRow = {
      id: folder.id,
      startedAt: meta.startedAt,
      profile: meta.profile,
      ...(meta.deployed?.preset ? { preset: meta.deployed.preset } : {}),
      target: meta.target,
      ...(durationSeconds !== undefined ? { durationSeconds } : {}),
      partial: meta.partial,
      ...(meta.exitCode !== undefined ? { exitCode: meta.exitCode } : {}),
      ...(meta.outcome?.status ? { outcome: meta.outcome.status } : {}),
    };
    const summaryPath = runFilePath(folder.dir, 'summary');
    if (!existsSync(summaryPath)) return row;
    try {
      const summary = summarizeLlmRun(summaryPath, durationSeconds ?? 0);
      const e2e = summary.latency.find((l) => l.name === 'E2E')?.p95;
      return {
        ...row,
        requests: summary.requests,
        ...(summary.outputTokensPerSecond !== undefined
          ? { outputTokensPerSecond: summary.outputTokensPerSecond }
          : {}),
        ...(e2e !== undefined ? { e2eP95Ms: e2e } : {}),
      };
    } catch (error) {
      if (!(error instanceof DamagedRunFileError)) throw error;
      // The row keeps what meta.json says; `inferload report` recomputes the figures from the metric points.
      return { ...row, damaged: `${error.damage.file}: ${error.damage.problem}` };
    }
  });
}
