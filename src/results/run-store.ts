// The benchmarks/ store: what a run's meta.json holds, new run folders, and the runs listed back.
import { mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { benchmarksDir } from '../util/paths.ts';
import type { DeployedRecord } from '../deploy/deployed-record.ts';
import { DamagedRunFileError } from './damaged-run-file.ts';
import { readRunMetaFile } from './read-run-meta-file.ts';
import { runFilePath, writeRunJson } from './run-files.ts';
import type { DistributedRunInfo } from '../distributed/types.ts';
import { listRunFolders } from './run-folders.ts';

/** What is known about a run: written at its start, completed at its end (a crash leaves it partial). */
export interface RunMeta {
  id: string;
  profile: string;
  engine: string;
  engineVersion: string;
  target: string;
  api: string;
  stream: boolean;
  env: Record<string, string>;
  startedAt: string;
  endedAt?: string;
  /** inferload's exit code for the run: the outcome's (src/results/run-outcome.ts). */
  exitCode?: number;
  /** What the engine itself exited with (k6's codes), when it differs in meaning from the outcome. */
  engineExitCode?: number;
  /** The outcome computed from what was measured: passed, failed, thresholds_failed, interrupted, error. */
  outcome?: { status: string; reasons: string[] };
  /** True until the run ends normally; an interrupted or crashed run stays partial, as does one a load generator failed. */
  partial: boolean;
  /** A run split over load generators: its parts, their clock offsets and how together they started. */
  distributed?: DistributedRunInfo;
  reason?: string;
  /** Why the caller ended the run before its profile's end (a capacity step that became steady). */
  endedEarly?: string;
  gitRevision?: string;
  /** The load generator's machine; unknown for a run collected from a cluster's pods. */
  host?: { hostname: string; platform: string; cpus: number; cpuModel: string; memoryBytes: number };
  toolkitVersion: string;
  /** The server's build as it reported it before the load (llama.cpp build_info, vLLM or Ollama version). */
  serverBuild?: string;
  /** The deployment under test (preset, fingerprint, server build), for runs of `make benchmark`. */
  deployed?: DeployedRecord;
  /** The campaign (make sweep) and cell this run measured. */
  campaign?: { id: string; cell: string };
  /** The tuning (make tune), the configuration and rung this run measured, and its cell of the spec. */
  tune?: { id: string; configuration: number; rung: number; cell: string };
}

/** A time as the runs' folder names write it: 20260821-070000 (UTC). */
export function formatRunStamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/** A new, never-reused run folder: benchmarks/<yyyymmdd-hhmmss>-<profile>-<random>/. */
export function createRunDir(
  profile: string,
  root = benchmarksDir(),
  now = new Date(),
): { id: string; dir: string } {
  const id = `${formatRunStamp(now)}-${profile}-${randomBytes(3).toString('hex')}`;
  const dir = join(root, id);
  mkdirSync(dir, { recursive: true });
  return { id, dir };
}

/** Writes meta.json atomically, so a reader never sees half of it. */
export function writeRunMeta(dir: string, meta: RunMeta): void {
  writeRunJson(dir, 'meta', meta);
}

/** A run's meta.json, its id the folder's name; a DamagedRunFileError names the file and what is wrong with it. */
export function readRunMeta(dir: string): RunMeta {
  const read = readRunMetaFile(runFilePath(dir, 'meta'), basename(resolve(dir)));
  if ('damage' in read) throw new DamagedRunFileError(read.damage);
  return read.meta;
}

/**
 * The readable runs, newest first, each with its folder's name as id. Folders without meta.json are not runs;
 * runs whose meta.json is damaged are left out here: listRunFolders (run-folders.ts) lists them as damaged.
 */
export function listRuns(root = benchmarksDir()): RunMeta[] {
  return listRunFolders(root).flatMap((folder) => ('meta' in folder ? [folder.meta] : []));
}
