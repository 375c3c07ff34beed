// The saved runs as `inferload runs` lists them: meta.json and summary.json only, so that it stays cheap.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { benchmarksDir } from '../util/paths.ts';
import { summarizeLlmRun } from './llm-summary.ts';
import { listRuns, RUN_FILES } from './run-store.ts';

/** One saved run; a figure its folder cannot give stays undefined. */
export interface RunRow {
  id: string;
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
}

/** The saved runs under `root`, newest first. */
export function listRunRows(root = benchmarksDir()): RunRow[] {
  return listRuns(root).map((meta) => {
    const end = meta.endedAt ? Date.parse(meta.endedAt) : Number.NaN;
    const seconds = (end - Date.parse(meta.startedAt)) / 1000;
    const durationSeconds = Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
    const row: RunRow = {
      id: meta.id,
      startedAt: meta.startedAt,
      profile: meta.profile,
      ...(meta.deployed?.preset ? { preset: meta.deployed.preset } : {}),
      target: meta.target,
      ...(durationSeconds !== undefined ? { durationSeconds } : {}),
      partial: meta.partial,
      ...(meta.exitCode !== undefined ? { exitCode: meta.exitCode } : {}),
    };
    const summaryPath = join(root, meta.id, RUN_FILES.summary);
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
    } catch {
      return row; // a summary cut while being written: the row keeps what meta.json says
    }
  });
}
