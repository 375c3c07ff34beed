// `inferload sweep` end to end against the real llama-server (the private install, the generated tiny model),
// deployed by deploy under runtime `process`: 2 server cells x 2 load cells, short cells. Also the dry run,
// which changes nothing anywhere, and the plan's skipped cell.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../helpers/run-cli.ts';
import { findFreePort } from '../../../src/local/free-port.ts';
import {
  openLocalLlamaWorkspace,
  stopLocalDeploy,
  tinyServerYaml,
} from '../../helpers/local-llama-workspace.ts';
import { listRunFolders } from '../../../src/results/run-folders.ts';
import type { CampaignRecord } from '../../../src/campaign/types.ts';

function writeFixture(dir: string, port: number): { config: string; spec: string; skipping: string } {
  const config = join(dir, 'llama.yaml');
  writeFileSync(config, tinyServerYaml(port));
  const body = `server: tiny
base_preset: base
load_factors:
  concurrency: [1, 2]
  max_tokens: [16]
duration: 2s
warmup_requests: 1
objective: e2e_p95=10s,errors=1%
`;
  const spec = join(dir, 'local.yaml');
  writeFileSync(spec, `${body}server_factors:\n  parallel_slots: [1, 2]\n`);
  // 1024 slots of 256 tokens at 1 MiB per token (256 GiB) fit no host this test runs on; 1 slot (256 MiB) does.
  const skipping = join(dir, 'skipping.yaml');
  writeFileSync(
    skipping,
    `${body}server_factors:\n  parallel_slots: [1, 1024]\nmemory:\n  kv_bytes_per_token: 1048576\n`,
  );
  return { config, spec, skipping };
}

describe('sweep against the real local llama-server', { timeout: 240_000 }, () => {
  let work: string;
  let fx: ReturnType<typeof writeFixture>;
  let env: Record<string, string>;
  before(async () => {
    ({ work, env } = await openLocalLlamaWorkspace('inferload-sweep-'));
    fx = writeFixture(work, await findFreePort());
  });
  after(() => stopLocalDeploy(work));

  it('prints the plan with the skipped cell and why, and a dry run changes nothing anywhere', async () => {
    const result = await runCli(['sweep', '--spec', fx.skipping, '--config', fx.config, '--dry-run'], env);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /s01 parallel_slots=1024 .*SKIPPED/);
    assert.match(
      result.stdout,
      /why: needs about [\d.]+ GiB \(1 x [\d.]+ GiB: model .* \+ KV cache 1024 slots x 256 tokens \+ overhead\), the host has [\d.]+ GiB of RAM/,
    );
    assert.match(result.stdout, /cells: 4 \(2 server x 2 load\), 2 skipped, 2 to run/);
    assert.match(result.stdout, /estimated duration: /);
    assert.match(result.stdout, /dry run: nothing deployed, no run or campaign folder made/);
    for (const path of ['benchmarks', 'deployed', '.inferload'])
      assert.ok(!existsSync(join(work, path)), `${path} was not made`);
  });

  it('runs 2 server cells x 2 load cells: one deploy per server cell, one tagged run per load cell', async () => {
    const result = await runCli(
      ['sweep', '--spec', fx.spec, '--config', fx.config, '--engine', 'embedded'],
      env,
      200_000,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.match(/^deployed: /gm)?.length, 2, 'two deploys');
    const campaigns = join(work, 'benchmarks', 'campaigns');
    const [id] = readdirSync(campaigns);
    const dir = join(campaigns, id ?? '');
    const record = JSON.parse(readFileSync(join(dir, 'campaign.json'), 'utf8')) as CampaignRecord;
    assert.equal(record.partial, false);
    assert.deepEqual(
      record.results.map((r) => r.cell.id),
      ['s00-l00-r1', 's00-l01-r1', 's01-l00-r1', 's01-l01-r1'],
    );
    assert.deepEqual(record.serverFactors, ['parallel_slots']);
    assert.deepEqual(record.loadFactors, ['concurrency', 'max_tokens']);
    for (const r of record.results) {
      assert.ok(r.metrics.requests > 0, `${r.cell.id} served`);
      assert.ok(r.metrics.outputTokens > 0 && r.metrics.outputTokensPerSecond > 0, `${r.cell.id} has tokens`);
      const meta = JSON.parse(readFileSync(join(work, 'benchmarks', r.runId, 'meta.json'), 'utf8')) as {
        campaign?: { id: string; cell: string };
        deployed?: { preset: string };
      };
      assert.deepEqual(meta.campaign, { id: record.id, cell: r.cell.id });
      assert.equal(meta.deployed?.preset, `${record.id}-s0${r.cell.serverIndex}`);
      assert.ok(existsSync(join(work, 'benchmarks', r.runId, 'diagnostics.jsonl')), 'diagnostics sampled');
    }
    const csv = readFileSync(join(dir, 'campaign.csv'), 'utf8').trimEnd().split('\r\n');
    assert.equal(csv.length, 5, 'a header and a row per cell');
    assert.match(
      csv[0] ?? '',
      /^cell,server_index,repetition,parallel_slots,concurrency,max_tokens,status,outcome,run_id,/,
    );
    for (const file of ['summary.md', 'campaign.html'])
      assert.ok(result.stdout.includes(`saved: ${join(dir, file)}`), `the campaign report wrote ${file}`);
    const runs = listRunFolders(join(work, 'benchmarks'));
    assert.equal(runs.length, 4, 'the campaigns folder is not listed as a run');

    // The same command again: every cell is done, nothing deploys or runs.
    const again = await runCli(
      ['sweep', '--spec', fx.spec, '--config', fx.config, '--engine', 'embedded'],
      env,
      60_000,
    );
    assert.equal(again.code, 0, again.stderr);
    assert.doesNotMatch(again.stdout, /^deployed: /m);
    assert.equal(listRunFolders(join(work, 'benchmarks')).length, 4, 'no cell ran again');
  });
});
