import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { benchmarksDir } from '../util/paths.ts';
import type { DeployedRecord } from '../deploy/deployed-record.ts';

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
  exitCode?: number;
  /** True until the run ends normally; an interrupted or crashed run stays partial. */
  partial: boolean;
  reason?: string;
  gitRevision?: string;
  host: { hostname: string; platform: string; cpus: number; cpuModel: string; memoryBytes: number };
  toolkitVersion: string;
  /** The server's build as it reported it before the load (llama.cpp build_info, vLLM or Ollama version). */
  serverBuild?: string;
  /** The deployment under test (preset, fingerprint, server build), for runs of `make benchmark`. */
  deployed?: DeployedRecord;
}

export const RUN_FILES = {
  meta: 'meta.json',
  summary: 'summary.json',
  metrics: 'metrics.json.gz',
  console: 'console.log',
} as const;

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
  const file = join(dir, RUN_FILES.meta);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(meta, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

export function readRunMeta(dir: string): RunMeta {
  return JSON.parse(readFileSync(join(dir, RUN_FILES.meta), 'utf8')) as RunMeta;
}

/** The saved runs, newest first; folders without a readable meta.json are skipped. */
export function listRuns(root = benchmarksDir()): RunMeta[] {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  const runs: RunMeta[] = [];
  for (const name of names) {
    try {
      runs.push(readRunMeta(join(root, name)));
    } catch {
      // not a run folder (README.md, or a folder whose run never started)
    }
  }
  return runs.sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1));
}
