// `inferload k8s collect`: the parts of a TestRun, fetched from its results claim, merged into one run under
// benchmarks/ exactly as a distributed run of our own (src/distributed/merge-parts.ts): the merged summary from the
// raw samples, thresholds on the merged data, the parts kept in the folder, and a missing or cut part named with
// the run marked partial. The TestRun written by `k8s export` says what was run: profile, runners, variables.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { EXIT_THRESHOLDS_FAILED } from '../engine/exit-codes.ts';
import { mergeParts, type PartFiles } from '../distributed/merge-parts.ts';
import { describePartialMerge } from '../distributed/partial-reason.ts';
import type { DistributedRunInfo, PartInfo } from '../distributed/types.ts';
import { createRunDir, writeRunMeta, type RunMeta } from '../results/run-store.ts';
import { openRunFiles } from '../results/run-files.ts';
import type { OutcomeLimits } from '../results/run-outcome.ts';
import { concludeRun, type RunProfileResult } from '../runner/conclude-run.ts';
import { UserError } from '../util/errors.ts';
import { toolkitVersion } from '../util/toolkit-version.ts';
import { EXPORT_FILES } from './export-k8s.ts';
import { checkStructuralSchema } from './structural-schema.ts';
import { TESTRUN_SCHEMA } from './testrun-crd-schema.ts';
import {
  operatorSegment,
  PART_VARIABLE,
  partFiles,
  partNames,
  PROFILE_ANNOTATION,
  STREAM_ANNOTATION,
} from './testrun-manifest.ts';

export interface K8sCollectOptions {
  /** The folder `k8s export` wrote (its testrun.yaml says what ran). */
  exportDir: string;
  /** The results claim's files, as `kubectl cp` fetched them. */
  from: string;
  log: (line: string) => void;
  limits?: OutcomeLimits;
}

/** What the exported TestRun says about the run. */
export interface ExportedTestRun {
  name: string;
  namespace?: string;
  profile: string;
  parallelism: number;
  image: string;
  stream: boolean;
  /** The profile's variables, as the runners read them. */
  settings: Record<string, string>;
}

const OUR_VARIABLES = new Set([PART_VARIABLE, 'K6_OUT', 'K6_SUMMARY_EXPORT']);

/** Reads and checks `<dir>/testrun.yaml`; a clear error names the file and what is wrong. */
export function readExportedTestRun(dir: string): ExportedTestRun {
  const path = join(resolve(dir), EXPORT_FILES.testRun);
  let manifest: unknown;
  try {
    manifest = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UserError(
      `k8s collect: cannot read ${path} (${(error as Error).message}): expected the folder \`k8s export\` wrote`,
    );
  }
  const errors = checkStructuralSchema(manifest, TESTRUN_SCHEMA);
  if (errors.length > 0)
    throw new UserError(`k8s collect: ${path} is not a valid TestRun: ${errors.join('; ')}`);
  const testRun = manifest as {
    metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
    spec: {
      parallelism: number;
      runner?: { image?: string; env?: { name: string; value?: string }[] };
    };
  };
  const profile = testRun.metadata.annotations?.[PROFILE_ANNOTATION];
  if (profile === undefined)
    throw new UserError(
      `k8s collect: ${path}: metadata.annotations.${PROFILE_ANNOTATION} is missing: expected a TestRun written by \`inferload k8s export\``,
    );
  const settings: Record<string, string> = {};
  for (const variable of testRun.spec.runner?.env ?? [])
    if (variable.value !== undefined && !OUR_VARIABLES.has(variable.name))
      settings[variable.name] = variable.value.replaceAll('$$', '$');
  return {
    name: testRun.metadata.name,
    ...(testRun.metadata.namespace === undefined ? {} : { namespace: testRun.metadata.namespace }),
    profile,
    parallelism: testRun.spec.parallelism,
    image: testRun.spec.runner?.image ?? 'the operator default',
    stream: testRun.metadata.annotations?.[STREAM_ANNOTATION] !== 'false',
    settings,
  };
}

/** Merges the parts found under `from` into a new run; throws (saving nothing) when no part left any sample file. */
export async function collectK8s(options: K8sCollectOptions): Promise<RunProfileResult> {
  const testRun = readExportedTestRun(options.exportDir);
  const from = resolve(options.from);
  const names = partNames(testRun.name, testRun.parallelism);
  const found = names.map((name) => {
    const files = partFiles(name);
    return { name, metrics: join(from, files.metrics), summary: join(from, files.summary) };
  });
  if (!found.some((part) => existsSync(part.metrics)))
    throw new UserError(
      `k8s collect: no part of TestRun ${testRun.name} in ${from}: expected ${partFiles(names[0] ?? '').metrics} ` +
        `... ${partFiles(names.at(-1) ?? '').metrics} (kubectl cp ${testRun.name}-results:/results ${options.from})`,
    );

  const { id, dir } = createRunDir(testRun.profile);
  const meta: RunMeta = {
    id,
    profile: testRun.profile,
    engine: 'k6-operator',
    engineVersion: `TestRun ${testRun.namespace === undefined ? '' : `${testRun.namespace}/`}${testRun.name}: ${testRun.parallelism} runners of ${testRun.image}`,
    target: testRun.settings['TARGET_URL'] ?? 'unknown',
    api: testRun.settings['API'] ?? 'openai',
    stream: testRun.stream,
    env: testRun.settings,
    startedAt: new Date().toISOString(),
    partial: true,
    toolkitVersion,
  };
  writeRunMeta(dir, meta);
  options.log(`run ${id}: merging ${testRun.parallelism} parts of TestRun ${testRun.name} into ${dir}`);

  const parts: PartFiles[] = [];
  for (const part of found) {
    const into = join(dir, 'parts', part.name);
    mkdirSync(into, { recursive: true });
    const metricsPath = join(into, 'metrics.json');
    const summaryPath = join(into, 'summary.json');
    if (existsSync(part.metrics)) copyFileSync(part.metrics, metricsPath);
    if (existsSync(part.summary)) copyFileSync(part.summary, summaryPath);
    parts.push({ name: part.name, metricsPath, summaryPath, offsetMs: 0 });
  }
  const files = openRunFiles(dir);
  const merged = await mergeParts({
    parts,
    jsonOut: files.path('metrics'),
    summaryExport: files.path('summary'),
  });
  const infos: PartInfo[] = found.map((part, i) => {
    const read = merged.parts[i];
    const failed = !existsSync(part.metrics)
      ? `left no raw samples (${partFiles(part.name).metrics} is missing)`
      : read?.damaged
        ? 'its raw samples are cut or damaged'
        : !existsSync(part.summary)
          ? `left no summary export (${partFiles(part.name).summary}): it did not finish`
          : undefined;
    return {
      name: part.name,
      generator: 'k6-operator',
      host: `pod of job ${part.name}`,
      engine: 'k6',
      segment: operatorSegment(i + 1, testRun.parallelism),
      samples: read?.points ?? 0,
      ...(failed ? { failed } : {}),
    };
  });
  const distributed: DistributedRunInfo = {
    sequence: [0, ...names.map((_, i) => operatorSegment(i + 1, testRun.parallelism).split(':')[1])].join(
      ',',
    ),
    startedBy: 'k6-operator',
    parts: infos,
  };
  for (const info of infos)
    options.log(`part ${info.name}: ${info.samples} samples${info.failed ? `, FAILED: ${info.failed}` : ''}`);
  // The run's span is its samples' (the runners' clocks, not ours: nothing was measured at their start).
  if (merged.firstMs !== undefined) meta.startedAt = new Date(merged.firstMs).toISOString();
  const endedAt = new Date(merged.lastMs ?? Date.now()).toISOString();
  const failed = infos.filter((info) => info.failed !== undefined);
  const result =
    failed.length > 0
      ? {
          exitCode: 255,
          reason: describePartialMerge(infos),
          partial: true,
          distributed,
        }
      : { exitCode: merged.breached.length > 0 ? EXIT_THRESHOLDS_FAILED : 0, distributed };
  return concludeRun({
    dir,
    meta,
    files,
    result,
    log: options.log,
    endedAt,
    ...(options.limits ? { limits: options.limits } : {}),
  });
}
