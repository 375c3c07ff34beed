// `inferload instance-sweep` with the old script's variables: real llama-server instances (tiny model, runtime
// process) behind real nginx, deployed by deploy; the CSV in LLAMA_RESULTS_DIR, the top 5, the best per count.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, runCommand } from '../../helpers/run-cli.ts';
import { findFreePort } from '../../../src/local/free-port.ts';
import { installLlamaServer } from '../../../src/local/llama-install.ts';
import { ensureTinyModel } from '../../../src/tiny-model/tiny-llama.ts';
import { INSTANCE_SWEEP_SPEC } from '../../../src/campaign/run-instance-sweep.ts';

/** Every pid file the process runtime left under `dir` (instances, nginx). */
function pidFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return pidFiles(path);
    return entry.name === 'pid' ? [path] : [];
  });
}

describe('instance-sweep behind nginx', { timeout: 240_000 }, () => {
  let work: string;
  before(async () => {
    const installed = await installLlamaServer();
    assert.ok(installed.ok, 'llama-server installs');
    await ensureTinyModel();
    work = mkdtempSync(join(tmpdir(), 'inferload-instance-sweep-'));
  });
  after(async () => {
    for (const file of pidFiles(join(work, '.inferload'))) {
      const pid = readFileSync(file, 'utf8').trim();
      if (/^\d+$/.test(pid)) await runCommand('kill', [pid]);
    }
  });

  it("runs the old script's variables as a campaign and writes its CSV, top 5 and best per instance count", async () => {
    const config = join(work, 'llama.yaml');
    writeFileSync(
      config,
      `active_preset: base
hosts:
  local: {}
servers:
  local-llama:
    host: local
    kind: llama.cpp
    runtime: process
    model: generated:tiny
    port: 8080
presets:
  base:
    parallel_slots: 1
    threads_gen: 1
    ctx_per_slot: 256
`,
    );
    // The shipped spec with shorter cells, so the test stays short.
    const spec = join(work, 'instance-sweep.yaml');
    writeFileSync(spec, readFileSync(INSTANCE_SWEEP_SPEC, 'utf8').replace(/^duration: .*$/m, 'duration: 3s'));
    const nginxPort = await findFreePort();
    const basePort = await findFreePort();
    const results = join(work, 'results');
    const result = await runCli(
      ['instance-sweep', '--spec', spec, '--config', config, '--engine', 'embedded'],
      {
        LLAMA_INSTANCES_RANGE: '1-2',
        LLAMA_PARALLEL_RANGE: '1',
        LLAMA_CONCURRENCY_RANGE: '2',
        LLAMA_MAX_TOKENS: '16',
        LLAMA_WARMUP_REQUESTS: '1',
        LLAMA_NGINX_PORT: String(nginxPort),
        LLAMA_SERVER_BASE_PORT: String(basePort),
        LLAMA_RESULTS_DIR: results,
        INFERLOAD_BENCHMARKS: join(work, 'benchmarks'),
        INFERLOAD_DEPLOYED: join(work, 'deployed'),
        HOME: work,
        K6_BIN: '/nonexistent/k6',
      },
      200_000,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      new RegExp(`at http://127\\.0\\.0\\.1:${nginxPort}`),
      'nginx listens on LLAMA_NGINX_PORT',
    );
    assert.match(
      result.stdout,
      /^top 5 configurations by throughput \(output tokens\/s\):\n {2}1\. instances=\d parallel=1 concurrency=2: /m,
    );
    assert.match(
      result.stdout,
      /best configuration per instance count:\n {2}instances=1 .*\n {2}instances=2 /,
    );
    const [csvName] = readdirSync(results);
    assert.match(csvName ?? '', /^instance_sweep_\d{8}-\d{6}\.csv$/);
    const lines = readFileSync(join(results, csvName ?? ''), 'utf8')
      .trimEnd()
      .split('\r\n');
    assert.equal(
      lines[0],
      'instances,parallel,concurrency,throughput,total_tokens,elapsed,errors,ttft_p50_ms,ttft_p95_ms,itl_p50_ms,itl_p95_ms,e2e_p50_ms,e2e_p95_ms,goodput_per_s,nginx_5xx',
    );
    assert.deepEqual(
      lines.slice(1).map((line) => line.split(',').slice(0, 3).join(',')),
      ['1,1,2', '2,1,2'],
    );
    for (const line of lines.slice(1)) {
      const [, , , throughput, tokens, elapsed, errors] = line.split(',').map(Number);
      assert.ok((throughput ?? 0) > 0 && (tokens ?? 0) > 0 && (elapsed ?? 0) > 0, line);
      assert.equal(errors, 0, line);
      // throughput is output tokens over the cell's load time, as measured.
      assert.ok(
        Math.abs((throughput ?? 0) - (tokens ?? 0) / (elapsed ?? 1)) / (throughput ?? 1) < 0.05,
        line,
      );
    }
  });
});
