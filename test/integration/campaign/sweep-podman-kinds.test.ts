// Campaigns against vLLM and Ollama as the issue runs them: deployed over the loopback sshd into real podman,
// from the simulator's images built from this repo (localhost/inferload-sim:vllm and :ollama). The simulator's
// scaling is set through the servers' environment, so both fits have a known answer:
// - vLLM, tensor_parallel 1/2/4 x users: a decode step takes s + (1 - s) / tp of one GPU's time (s = 0.1);
// - Ollama, OLLAMA_NUM_PARALLEL 1/2/4: each busy slot beyond the first adds c = 0.1 of a step, so the speed-up
//   at n slots is n / (1 + c (n - 1)): Amdahl's law with s = c (plus the cost of joining a batch, below).
// test-lane: alone. Both fits hang on the highest-throughput cell; with another test file loading this 2-core box,
// client and simulator lose CPU there first and s read 0.123-0.125 in two CIs (0.095 on a quiet box).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '../../../src/local/free-port.ts';
import type { CampaignRecord } from '../../../src/campaign/types.ts';
import { createPodmanTestEnv, type PodmanTestEnv } from '../../helpers/podman-env.ts';
import { runCli, runCommand } from '../../helpers/run-cli.ts';
import { sshdHostYaml, startSshd, type Sshd } from '../../helpers/sshd.ts';

const S = 0.1;
const CONTAINERS = ['inferload-cpvllm', 'inferload-cpollama'];
// No jitter, prompts nearly free, no load delay: throughput is the decode model alone.
const QUIET_SIM = `INFERLOAD_SIM_JITTER: '0'
      INFERLOAD_SIM_PP_RATE: '1000000'
      INFERLOAD_SIM_LOAD_MS: '0'`;

function configText(sshd: Sshd, ports: number[]): string {
  return `active_preset: base
hosts:
${sshdHostYaml(sshd)}
servers:
  cpvllm:
    host: box
    kind: vllm
    runtime: podman
    image: localhost/inferload-sim:vllm
    model: Qwen/Qwen3-0.6B
    port: ${ports[0]}
    env:
      INFERLOAD_SIM_SEQUENTIAL_FRACTION: '${S}'
      INFERLOAD_SIM_CONTENTION: '0'
      INFERLOAD_SIM_DECODE_MS: '60'
      ${QUIET_SIM}
  cpollama:
    host: box
    kind: ollama
    runtime: podman
    image: localhost/inferload-sim:ollama
    model: qwen3:0.6b
    port: ${ports[1]}
    env:
      INFERLOAD_SIM_CONTENTION: '${S}'
      INFERLOAD_SIM_DECODE_MS: '20'
      ${QUIET_SIM}
presets:
  base:
    parallel_slots: 32
    threads_gen: 1
    ctx_per_slot: 1024
`;
}

// Requests short beside the cell, so the ones cut at its end weigh little; long beside a decode step, so the wait
// of a request joining a running batch at the next step (half a step on average, none with one slot) does too.
function specText(server: string, factors: string, load: string, maxTokens: number, extra = ''): string {
  return `server: ${server}
base_preset: base
server_factors:
${factors}
load_factors:
${load}
  max_tokens: [${maxTokens}]
duration: 12s
${extra}warmup_requests: 1
objective: errors=1%
`;
}

describe(
  'campaigns against vLLM and Ollama in podman over SSH (simulator images)',
  { timeout: 600_000 },
  () => {
    let sshd: Sshd;
    let podman: PodmanTestEnv;
    let work = '';
    let config = '';

    before(async () => {
      podman = createPodmanTestEnv();
      for (const name of CONTAINERS) await runCommand('podman', ['rm', '-f', name], podman.env);
      sshd = await startSshd({ env: podman.env });
      work = mkdtempSync(join(tmpdir(), 'inferload-kind-sweeps-'));
      config = join(work, 'llama.yaml');
      writeFileSync(config, configText(sshd, [await findFreePort(), await findFreePort()]));
    });

    after(async () => {
      for (const name of CONTAINERS) await runCommand('podman', ['rm', '-f', name], podman.env);
      await sshd.stop();
      podman.dispose();
    });

    /** Runs `inferload sweep` on a spec; the campaign's record, its amdahl_fit.csv rows (by factor) and stdout. */
    async function sweep(
      name: string,
      spec: string,
    ): Promise<{ record: CampaignRecord; fit: Record<string, string>[]; stdout: string }> {
      const path = join(work, `${name}.yaml`);
      writeFileSync(path, spec);
      const benchmarks = join(work, `benchmarks-${name}`);
      const result = await runCli(
        ['sweep', '--spec', path, '--config', config, '--engine', 'embedded'],
        {
          ...podman.env,
          HOME: work,
          INFERLOAD_BENCHMARKS: benchmarks,
          INFERLOAD_DEPLOYED: join(work, `deployed-${name}`),
          K6_BIN: '/nonexistent/k6',
        },
        420_000,
      );
      assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
      const campaigns = join(benchmarks, 'campaigns');
      const dir = join(campaigns, readdirSync(campaigns)[0] ?? '');
      const record = JSON.parse(readFileSync(join(dir, 'campaign.json'), 'utf8')) as CampaignRecord;
      const [head = '', ...rows] = readFileSync(join(dir, 'amdahl_fit.csv'), 'utf8').trimEnd().split(/\r?\n/);
      const header = head.split(',');
      const fit = rows.map((row) => Object.fromEntries(row.split(',').map((v, i) => [header[i] ?? '', v])));
      return { record, fit, stdout: result.stdout };
    }

    function assertRecovered(fit: Record<string, string>[], factor: string, tolerance = 0.02): void {
      const rows = fit.filter((row) => row['factor'] === factor);
      const measured = rows.map((row) => Number(row['measured']));
      assert.equal(rows.length, 3, `three points for ${factor}: ${JSON.stringify(fit)}`);
      assert.ok(
        measured.every((value, i) => i === 0 || value > (measured[i - 1] ?? 0)),
        `throughput grows with ${factor}: ${measured.join(', ')}`,
      );
      const s = Number(rows[0]?.['amdahl_s']);
      assert.ok(
        Math.abs(s - S) <= tolerance,
        `${factor}: recovered s ${s} (95% CI ${rows[0]?.['amdahl_s_low']}..${rows[0]?.['amdahl_s_high']}), ` +
          `throughput ${measured.join(', ')}`,
      );
    }

    it("vLLM: tensor_parallel 1/2/4 x users, Amdahl's s recovered within 0.02", async () => {
      const { record, fit, stdout } = await sweep(
        'vllm',
        specText('cpvllm', '  tensor_parallel: [1, 2, 4]', '  concurrency: [4, 8]', 8),
      );
      assert.match(stdout, /--tensor-parallel-size 4/, 'vLLM got its parallelism flag');
      assert.equal(record.results.length, 6);
      assert.ok(
        record.results.every((r) => r.outcome === 'passed' && r.metrics.failed === 0),
        JSON.stringify(record.results.map((r) => [r.cell.id, r.outcome, r.metrics.failed])),
      );
      assertRecovered(fit, 'tensor_parallel');
    });

    // A request joining a running batch waits for the step in progress (half a step on average; never with one
    // slot), so batching costs a little more than the contention alone: s measures about 0.01 above c here.
    it("Ollama: OLLAMA_NUM_PARALLEL 1/2/4 x users, Amdahl's s recovered within 0.03", async () => {
      const { record, fit } = await sweep(
        'ollama',
        specText('cpollama', '  num_parallel: [1, 2, 4]', '  concurrency: [8]', 32, 'api: openai\n'),
      );
      const env = await runCommand(
        'podman',
        ['inspect', '--format', '{{json .Config.Env}}', 'inferload-cpollama'],
        podman.env,
      );
      assert.match(env.stdout, /OLLAMA_NUM_PARALLEL=4/, 'the last cell ran with 4 parallel requests');
      assert.equal(record.results.length, 3);
      // One slot for 8 users queues them for seconds: the profile's TTFT threshold fails there, nothing else.
      assert.ok(
        record.results.every(
          (r) => ['passed', 'thresholds_failed'].includes(r.outcome) && r.metrics.failed === 0,
        ),
        JSON.stringify(record.results.map((r) => [r.cell.id, r.outcome, r.metrics.failed])),
      );
      assertRecovered(fit, 'num_parallel', 0.03);
    });
  },
);
