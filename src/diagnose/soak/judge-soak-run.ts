// A saved soak run judged from its folder: the load's series, diagnostics.jsonl, and the port owner's readings
// (taken live, or kept in an earlier soak-verdicts.json when judging again); the verdicts are written beside.
import { asRunFiles, type RunFiles } from '../../results/run-files.ts';
import { analyzeRun, type RunAnalysis } from '../analyze-run.ts';
import { loadRunDiagnostics } from '../read-diagnostics.ts';
import type { ContainerRestarts } from './find-restarts.ts';
import type { IdentityReading } from './server-identity.ts';
import { judgeSoak } from './judge-soak.ts';
import { readSoakVerdicts, writeSoakVerdicts } from './soak-file.ts';
import type { SoakThresholds } from './soak-thresholds.ts';
import type { SoakVerdicts } from './soak-verdicts.ts';

export interface SoakRunOptions {
  readonly windowSeconds: number;
  readonly thresholds: SoakThresholds;
  /** The port owner's readings during the run; omitted to reuse those of the folder's soak-verdicts.json. */
  readonly identity?: readonly IdentityReading[];
  /** The server's container before and after (podman, quadlet); omitted to reuse the folder's, as identity. */
  readonly container?: ContainerRestarts;
}

/** Judges the run in `files`, writes soak-verdicts.json; the verdicts, the file's path and the run's analysis. */
export async function judgeSoakRun(
  files: string | RunFiles,
  options: SoakRunOptions,
): Promise<{ verdicts: SoakVerdicts; path: string; analysis: RunAnalysis }> {
  const run = asRunFiles(files);
  const analysis = await analyzeRun(run);
  const records = loadRunDiagnostics(run)?.records ?? [];
  const startMs = Date.parse(analysis.meta.startedAt);
  const saved = options.identity ? undefined : readSoakVerdicts(analysis.dir).verdicts;
  const identity = options.identity
    ? options.identity.map(({ at, ...rest }) => ({ ...rest, t: (at - startMs) / 1000 }))
    : (saved?.identity ?? []);
  const container = options.container ?? saved?.container;
  const { windowSeconds, thresholds } = options;
  const verdicts = judgeSoak({
    analysis,
    records,
    identity,
    windowSeconds,
    thresholds,
    ...(container ? { container } : {}),
  });
  return { verdicts, path: writeSoakVerdicts(analysis.dir, verdicts), analysis };
}
