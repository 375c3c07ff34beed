// The scaling fit checked against a known law: a campaign over tensor_parallel 1, 2, 4, 8 against the simulated
// vLLM (kind vllm, deployed by deploy as a process whose binary takes `vllm serve`'s command line), whose
// sequential fraction is set. Amdahl's s recovered from the measured throughput lies within 0.02 of it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, runCommand } from '../../helpers/run-cli.ts';
import { findFreePort } from '../../../src/local/free-port.ts';
import { projectRoot } from '../../../src/util/paths.ts';
import type { CampaignRecord } from '../../../src/campaign/types.ts';

const SEQUENTIAL_FRACTION = 0.1;

describe('a campaign over tensor_parallel against the simulated vLLM', { timeout: 300_000 }, () => {
  let work = '';
  before(() => {
    work = mkdtempSync(join(tmpdir(), 'inferload-amdahl-'));
  });
  after(async () => {
    const pidFile = join(work, '.inferload', 'deploy', 'vsim', 'pid');
    const pid = existsSync(pidFile) ? readFileSync(pidFile, 'utf8').trim() : '';
    if (/^\d+$/.test(pid)) await runCommand('kill', [pid]);
  });

  it(`recovers the simulator's sequential fraction (${SEQUENTIAL_FRACTION}) within 0.02`, async () => {
    // vLLM's command line in, the simulator as vLLM out: no jitter or contention, prompts nearly free.
    const binary = join(work, 'vllm-sim.sh');
    writeFileSync(
      binary,
      `#!/bin/sh
[ "$1" = serve ] && shift
export INFERLOAD_SIM_SEQUENTIAL_FRACTION=${SEQUENTIAL_FRACTION} INFERLOAD_SIM_JITTER=0 INFERLOAD_SIM_CONTENTION=0
export INFERLOAD_SIM_PP_RATE=1000000 INFERLOAD_SIM_DECODE_MS=60 INFERLOAD_SIM_LOAD_MS=0
exec node ${join(projectRoot, 'bin', 'inferload.js')} sim --as vllm "$@"
`,
    );
    chmodSync(binary, 0o755);
    const config = join(work, 'llama.yaml');
    writeFileSync(
      config,
      `active_preset: base
hosts:
  local: {}
servers:
  vsim:
    host: local
    kind: vllm
    runtime: process
    binary: ${binary}
    model: Qwen/Qwen3-0.6B
    port: ${await findFreePort()}
presets:
  base:
    parallel_slots: 64
    threads_gen: 1
    ctx_per_slot: 1024
`,
    );
    // No model in the spec: the requests name the vLLM server's own (it answers 404 to any other).
    const spec = join(work, 'tp.yaml');
    writeFileSync(
      spec,
      `server: vsim
base_preset: base
server_factors:
  tensor_parallel: [1, 2, 4, 8]
load_factors:
  concurrency: [4]
  max_tokens: [16]
duration: 8s
warmup_requests: 1
objective: errors=1%
`,
    );
    const result = await runCli(
      ['sweep', '--spec', spec, '--config', config, '--engine', 'embedded'],
      {
        HOME: work,
        INFERLOAD_BENCHMARKS: join(work, 'benchmarks'),
        INFERLOAD_DEPLOYED: join(work, 'deployed'),
        K6_BIN: '/nonexistent/k6',
      },
      240_000,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /--tensor-parallel-size 8/, 'vLLM got its parallelism flag');
    const campaigns = join(work, 'benchmarks', 'campaigns');
    const dir = join(campaigns, readdirSync(campaigns)[0] ?? '');
    const record = JSON.parse(readFileSync(join(dir, 'campaign.json'), 'utf8')) as CampaignRecord;
    assert.deepEqual(
      record.results.map((r) => [r.cell.id, r.outcome]),
      [1, 2, 3, 4].map((_, i) => [`s0${i}-l00-r1`, 'passed']),
    );
    const rows = readFileSync(join(dir, 'amdahl_fit.csv'), 'utf8').trimEnd().split(/\r?\n/);
    const header = (rows[0] ?? '').split(',');
    const first = (rows[1] ?? '').split(',');
    const column = (name: string): number => Number(first[header.indexOf(name)]);
    const measured = rows.slice(1).map((row) => Number(row.split(',')[header.indexOf('measured')]));
    assert.ok(
      measured.every((value, i) => i === 0 || value > (measured[i - 1] ?? 0)),
      `throughput grows with tensor_parallel: ${measured.join(', ')}`,
    );
    const s = column('amdahl_s');
    assert.ok(
      Math.abs(s - SEQUENTIAL_FRACTION) <= 0.02,
      `recovered s ${s} (95% CI ${column('amdahl_s_low')}..${column('amdahl_s_high')}), throughput ${measured.join(', ')}`,
    );
  });
});
