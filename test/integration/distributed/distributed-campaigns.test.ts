// --generators beyond stress-test: a sweep against the real llama-server (deployed under runtime `process`) and
// a capacity search against the simulator with a known capacity, each run split over two load generators on
// this machine (one `local`, one over the loopback sshd). Every cell and every step is a distributed run whose
// merge is exact; the capacity found is the simulator's within 10%, with a breaking point above it, and a step
// ends once steady: the parts' raw samples are followed live and merged in time order. A name that is not among
// the config's load_generators stops the sweep before anything is deployed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CampaignRecord } from '../../../src/campaign/types.ts';
import type { CapacityRecord } from '../../../src/capacity/types.ts';
import type { DistributedRunInfo } from '../../../src/distributed/types.ts';
import { findFreePort } from '../../../src/local/free-port.ts';
import { startSim, type RunningSim } from '../../../src/sim/server.ts';
import { projectRoot } from '../../../src/util/paths.ts';
import {
  openLocalLlamaWorkspace,
  stopLocalDeploy,
  tinyServerYaml,
} from '../../helpers/local-llama-workspace.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { assertExactMerge, readSavedRun } from '../../helpers/split-run.ts';
import { sshdHostYaml, startSshd, type Sshd } from '../../helpers/sshd.ts';

const CLI = join(projectRoot, 'bin', 'inferload.js');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
// 4 slots, 16 tokens at 25 ms a step and no prefill: a request holds a slot 0.4 s, so 10 requests/s at most.
const CAPACITY = 10;

/**
 * Checks that the run in `dir` was split over generators a and box, both finished, merged exactly; with one user
 * the second segment holds no VU (k6's striping) and measures nothing.
 */
async function assertSplitRun(dir: string, everyPartMeasured: boolean): Promise<void> {
  const saved = readSavedRun(dir);
  assert.equal(saved.meta.engine, 'distributed', dir);
  const info = saved.meta.distributed as DistributedRunInfo;
  assert.deepEqual(
    info.parts.map((p) => [p.generator, p.segment, p.failed]),
    [
      ['a', '0:1/2', undefined],
      ['box', '1/2:1', undefined],
    ],
  );
  if (everyPartMeasured)
    for (const part of info.parts) assert.ok(part.samples > 0, `part ${part.name} measured: ${dir}`);
  const count = Number(saved.summary.metrics['http_reqs']?.['count']);
  assert.ok(count > 0, `requests in ${dir}`);
  assert.equal(
    await assertExactMerge(
      saved,
      info.parts.map((p) => p.name),
    ),
    count,
  );
}

describe('sweep and capacity split over two load generators', { timeout: 600_000 }, () => {
  let sshd: Sshd;
  let sim: RunningSim;
  let work = '';
  let env: Record<string, string> = {};
  let config = '';
  let spec = '';

  before(async () => {
    ({ work, env } = await openLocalLlamaWorkspace('inferload-distributed-campaigns-'));
    sshd = await startSshd();
    sim = await startSim({
      slots: 4,
      decodeMsPerToken: 25,
      contention: 0,
      jitter: 0,
      promptTokensPerSecond: 1e9,
      seed: 3,
    });
    config = join(work, 'llama.yaml');
    writeFileSync(
      config,
      tinyServerYaml(await findFreePort(), {
        slots: 2,
        hosts: `${sshdHostYaml(sshd)}\n`,
        rest: `load_generators:
  a: { host: local, workdir: ${join(work, 'gen')} }
  box: { host: box, inferload: ${CLI}, workdir: ${join(work, 'gen-ssh')} }
`,
      }),
    );
    spec = join(work, 'split.yaml');
    writeFileSync(
      spec,
      `server: tiny
base_preset: base
server_factors:
  parallel_slots: [2]
load_factors:
  concurrency: [2, 4]
  max_tokens: [8]
duration: 4s
warmup_requests: 1
objective: e2e_p95=10s,errors=1%
`,
    );
  });
  after(async () => {
    await stopLocalDeploy(work);
    await sim.close();
    await sshd.stop();
  });

  it('a load generator not in the config stops the sweep before anything is deployed', async () => {
    const result = await runCli(['sweep', '--spec', spec, '--config', config, '--generators', 'a,nope'], env);
    assert.equal(result.code, 2, result.stderr);
    assert.match(
      result.stderr,
      new RegExp(`${config}: load_generators has no 'nope'; expected one of a, box`),
    );
    for (const path of ['benchmarks', 'deployed', '.inferload'])
      assert.ok(!existsSync(join(work, path)), `${path} was not made`);
  });

  it('sweep: every cell is a run split over the generators, merged exactly', async () => {
    const result = await runCli(
      ['sweep', '--spec', spec, '--config', config, '--generators', 'a,box'],
      env,
      300_000,
    );
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    assert.match(
      result.stdout,
      /^load: every cell split over 2 load generators: a \(embedded on local\), box \(embedded on box\)$/m,
    );
    const campaigns = join(work, 'benchmarks', 'campaigns');
    const [id] = readdirSync(campaigns);
    const record = JSON.parse(
      readFileSync(join(campaigns, id ?? '', 'campaign.json'), 'utf8'),
    ) as CampaignRecord;
    assert.equal(record.partial, false);
    assert.deepEqual(
      record.results.map((r) => [r.cell.id, r.outcome]),
      [
        ['s00-l00-r1', 'passed'],
        ['s00-l01-r1', 'passed'],
      ],
    );
    for (const r of record.results) {
      await assertSplitRun(join(work, 'benchmarks', r.runId), true);
      assert.ok((r.metrics.requests ?? 0) > 0, JSON.stringify(r.metrics));
    }
    // The record says how its cells were run: the same campaign without the generators is not resumed.
    assert.deepEqual(record.generators, ['a', 'box']);
    const unsplit = await runCli(['sweep', '--spec', spec, '--config', config], env);
    assert.notEqual(unsplit.code, 0, unsplit.stderr);
    assert.match(unsplit.stderr, /ran with GENERATORS=a,box, this command has no GENERATORS=/);
  });

  it('capacity: every step split over the generators, the known capacity found within 10%', async () => {
    const root = join(work, 'capacity-runs');
    const result = await runCli(
      [
        'capacity',
        '--target',
        sim.url,
        '--max-tokens',
        '16',
        '--objective',
        'ttft_p95=3s,errors=1%',
        '--step-seconds',
        '15',
        '--min-seconds',
        '4',
        '--probe-users',
        '16',
        '--generators',
        'a,box',
        '--config',
        config,
      ],
      { ...env, INFERLOAD_BENCHMARKS: root },
      540_000,
    );
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    const [id] = readdirSync(join(root, 'capacity'));
    const record = JSON.parse(
      readFileSync(join(root, 'capacity', id ?? '', 'capacity.json'), 'utf8'),
    ) as CapacityRecord;
    const found = record.maxSustainable?.rate ?? 0;
    assert.ok(found <= CAPACITY * 1.05 && found >= CAPACITY * 0.9, `max sustainable ${found} req/s`);
    assert.ok((record.breakingPoint?.rate ?? 0) > CAPACITY, JSON.stringify(record.breakingPoint));
    // The parts' samples are followed live: a step ends as soon as it is steady (or runs away), as unsplit.
    assert.ok(
      record.steps.some((s) => s.stoppedBy === 'steady'),
      record.steps.map((s) => `${s.index} ${s.stoppedBy}`).join(', '),
    );
    // Every part's follower ended on its host (the loopback sshd's included) once the step was over.
    await sleep(1500);
    const followers = spawnSync('pgrep', ['-f', `tail -c \\+1 -F ${work}`], { encoding: 'utf8' });
    assert.equal(followers.stdout.trim(), '', 'no follower left running');
    for (const step of record.steps) {
      assert.ok(step.steadiness, `step ${step.index} was judged for steadiness: ${step.why}`);
      await assertSplitRun(join(root, step.runId), step.concurrency !== 1);
    }
  });
});
