import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { PassThrough } from 'node:stream';
import { buildProfiles } from '../../src/build/build-profiles.ts';
import { runTest, type RunTestResult } from '../../src/engine/run/run-test.ts';
import { projectRoot } from '../../src/util/paths.ts';

let built: Promise<string> | undefined;

/** Bundles the real profiles once per test file into a temp folder (never touching dist/). */
export function bundledProfiles(): Promise<string> {
  built ??= (async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'inferload-bundles-'));
    await buildProfiles({ srcDir: join(projectRoot, 'profiles'), outDir });
    return outDir;
  })();
  return built;
}

export interface ProfileRun {
  result: RunTestResult;
  summary: { metrics: Record<string, Record<string, number> & { thresholds?: Record<string, boolean> }> };
  /** Every Point of the JSON output, by metric, in emission order. */
  points: Map<string, { value: number; tags: Record<string, string> }[]>;
  stderr: string;
}

/** Runs a bundled profile on the embedded engine with the given profile variables, quietly. */
export async function runProfileBundle(file: string, env: Record<string, string>): Promise<ProfileRun> {
  const dir = mkdtempSync(join(tmpdir(), 'inferload-profile-run-'));
  const summaryExport = join(dir, 'summary.json');
  const jsonOut = join(dir, 'metrics.json.gz');
  const stderr = new PassThrough();
  let errText = '';
  stderr.on('data', (c: Buffer) => (errText += c.toString()));
  const result = await runTest({
    scriptPath: join(await bundledProfiles(), file),
    env,
    summaryExport,
    jsonOut,
    quiet: true,
    stderr,
  });
  const summary = JSON.parse(readFileSync(summaryExport, 'utf8')) as ProfileRun['summary'];
  return { result, summary, points: await readPoints(jsonOut), stderr: errText };
}

async function readPoints(path: string): Promise<ProfileRun['points']> {
  const gunzip = createGunzip();
  gunzip.end(readFileSync(path));
  let text = '';
  for await (const chunk of gunzip) text += (chunk as Buffer).toString();
  const points: ProfileRun['points'] = new Map();
  for (const line of text.split('\n')) {
    if (!line) continue;
    const parsed = JSON.parse(line) as {
      type: string;
      metric: string;
      data: { value: number; tags: Record<string, string> };
    };
    if (parsed.type !== 'Point') continue;
    const list = points.get(parsed.metric) ?? [];
    list.push({ value: parsed.data.value, tags: parsed.data.tags });
    points.set(parsed.metric, list);
  }
  return points;
}

export const LLM_TRENDS = [
  'llm_ttft',
  'llm_itl',
  'llm_tpot',
  'llm_e2e',
  'llm_prompt_tokens',
  'llm_output_tokens',
  'llm_output_tps',
];
