// A campaign interrupted (SIGINT, as Ctrl-C sends it) after k cells resumes at cell k+1 with the same command:
// finished cells are never run again and their runs stay as they were. The simulator is the server (runtime
// external), so the test needs no deploy and stays fast.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSim, type RunningSim } from '../../../src/sim/server.ts';
import { runCli, type CliResult } from '../../helpers/run-cli.ts';
import { projectRoot } from '../../../src/util/paths.ts';
import type { CampaignRecord } from '../../../src/campaign/types.ts';
import { listRunFolders } from '../../../src/results/run-folders.ts';

const CELLS = 4;

function writeFixture(dir: string, port: number): { config: string; spec: string } {
  const config = join(dir, 'llama.yaml');
  writeFileSync(
    config,
    `active_preset: base
hosts:
  local: {}
servers:
  sim:
    host: local
    kind: llama.cpp
    runtime: external
    port: ${port}
presets:
  base:
    parallel_slots: 4
    threads_gen: 1
    ctx_per_slot: 256
`,
  );
  const spec = join(dir, 'resume.yaml');
  writeFileSync(
    spec,
    `server: sim
load_factors:
  concurrency: [1, 2, 3, 4]
  max_tokens: [16]
duration: 2s
warmup_requests: 1
objective: e2e_p95=10s,errors=1%
`,
  );
  return { config, spec };
}

function readRecord(root: string): CampaignRecord | undefined {
  const campaigns = join(root, 'campaigns');
  if (!existsSync(campaigns)) return undefined;
  const [id] = readdirSync(campaigns);
  const file = id === undefined ? '' : join(campaigns, id, 'campaign.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as CampaignRecord) : undefined;
}

/** Runs the sweep and sends SIGINT once `cells` results are saved. */
function sweepInterruptedAfter(
  args: string[],
  env: Record<string, string>,
  root: string,
  cells: number,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(projectRoot, 'bin', 'inferload.js'), ...args], {
      cwd: projectRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const poll = setInterval(() => {
      if ((readRecord(root)?.results.length ?? 0) >= cells) {
        clearInterval(poll);
        child.kill('SIGINT');
      }
    }, 100);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('sweep: interrupted and resumed', { timeout: 180_000 }, () => {
  let sim: RunningSim;
  let work: string;
  before(async () => {
    sim = await startSim({ slots: 4, decodeMsPerToken: 2, promptTokensPerSecond: 20_000 });
    work = mkdtempSync(join(tmpdir(), 'inferload-sweep-resume-'));
  });
  after(() => sim.close());

  it('stops after k cells on SIGINT and resumes at k+1 without rerunning a finished cell', async () => {
    const { config, spec } = writeFixture(work, sim.port);
    const root = join(work, 'benchmarks');
    const env = { INFERLOAD_BENCHMARKS: root, K6_BIN: '/nonexistent/k6' };
    const args = ['sweep', '--spec', spec, '--config', config, '--engine', 'embedded'];

    const first = await sweepInterruptedAfter(args, env, root, 1);
    assert.notEqual(first.code, 0, `an interrupted campaign does not pass:\n${first.stderr}`);
    const cut = readRecord(root);
    assert.ok(cut, 'campaign.json was written');
    assert.equal(cut.partial, true);
    const k = cut.results.length;
    assert.ok(k >= 1 && k < CELLS, `interrupted after ${k} of ${CELLS} cells`);

    const second = await runCli(args, env, 120_000);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, new RegExp(`resuming .*: ${k} cell\\(s\\) done, ${CELLS - k} left`));
    const record = readRecord(root);
    assert.ok(record);
    assert.equal(record.partial, false);
    assert.deepEqual(
      record.results.map((r) => r.cell.id),
      record.cells.map((c) => c.id),
      'every cell once, in order',
    );
    assert.deepEqual(
      record.results.slice(0, k).map((r) => r.runId),
      cut.results.map((r) => r.runId),
      'the finished cells kept their runs',
    );
    // The first cell to run in the resumed campaign is cell k+1.
    const resumedFirst = /campaign: cell (\d+) of \d+ (\S+)/.exec(second.stderr);
    assert.equal(resumedFirst?.[1], String(k + 1));
    assert.equal(resumedFirst?.[2], record.cells[k]?.id);

    // Each finished cell has exactly one run tagged with it; an interrupted run, if any, is recorded as such.
    const runs = listRunFolders(root).flatMap((f) => ('meta' in f ? [f.meta] : []));
    const interrupted = new Set((record.interruptedRuns ?? []).map((r) => r.runId));
    for (const cell of record.cells) {
      const tagged = runs.filter((m) => m.campaign?.cell === cell.id && !interrupted.has(m.id));
      assert.equal(tagged.length, 1, `cell ${cell.id} ran once`);
      assert.equal(tagged[0]?.campaign?.id, record.id);
    }
    assert.ok(!listRunFolders(root).some((f) => f.id === 'campaigns'), 'the campaigns folder is not a run');
    for (const result of record.results)
      assert.ok(result.metrics.requests > 0, `${result.cell.id} served requests`);
  });
});
