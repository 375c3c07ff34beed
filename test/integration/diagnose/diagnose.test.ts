// `make diagnose` for real: the local llama-server saturated while its host, its API and the client are
// sampled, and a load generator that is itself the bottleneck detected as such.
// test-lane: alone. The verdict and its findings follow this 2-core box's load: another file running beside it
// (the distributed campaigns test's generators) made the client-bound case lose its queueing finding once.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runTest } from '../../../src/engine/run/run-test.ts';
import { startDiagnostics } from '../../../src/diagnose/run-diagnostics.ts';
import { readDiagnostics } from '../../../src/diagnose/read-diagnostics.ts';
import { computeVerdict } from '../../../src/diagnose/verdict/compute-verdict.ts';
import type { Diagnosis } from '../../../src/diagnose/verdict/diagnosis.ts';
import type {
  DiagnosticsRecord,
  HostRecord,
  ServerRecord,
} from '../../../src/diagnose/diagnostics-record.ts';
import { startSim } from '../../../src/sim/server.ts';
import { projectRoot } from '../../../src/util/paths.ts';
import { runCli } from '../../helpers/run-cli.ts';

const temp = (prefix: string): string => mkdtempSync(join(tmpdir(), prefix));

describe('diagnose', { timeout: 300_000 }, () => {
  it('saturates the real local llama-server and names what limits it, with the numbers', async () => {
    const runs = temp('inferload-diagnose-');
    const env = { INFERLOAD_BENCHMARKS: runs, INFERLOAD_STATE: temp('inferload-state-') };
    const args = [
      'diagnose',
      '--profile',
      'heavy',
      '--time-scale',
      '0.03',
      '--max-tokens',
      '16',
      '--interval',
      '500',
    ];
    const result = await runCli(args, env, 240_000);
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    const pid = Number(/started llama-server pid (\d+)/.exec(result.stderr)?.[1]);
    const [id] = readdirSync(runs);
    const dir = join(runs, id ?? '');
    const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as { serverBuild?: string };
    assert.match(meta.serverBuild ?? '', /^b\d+/, "the server's build, from /props");
    const records = readDiagnostics(join(dir, 'diagnostics.jsonl'));
    const host = records.filter((r): r is HostRecord => r.source === 'host');
    const server = records.filter((r): r is ServerRecord => r.source === 'server');
    assert.ok(host.length >= 5, `host samples: ${host.length}`);
    assert.ok(
      host.every((r) => r.process?.pid === pid),
      'the llama-server process itself is sampled',
    );
    assert.ok(Math.max(...host.map((r) => r.process?.cpuPercent ?? 0)) > 50, 'it worked hard');
    assert.ok(
      server.some((r) => r.busySlots === 4 && r.totalSlots === 4),
      'all 4 slots busy, from /slots',
    );
    assert.ok(
      server.some((r) => (r.deferred ?? 0) > 0),
      'requests deferred, from /metrics',
    );
    assert.ok(
      server.some((r) => (r.outputTokensPerSec ?? 0) > 0),
      'token rate from the counters',
    );
    assert.ok(
      records.some((r) => r.source === 'client'),
      'the load generator sampled too',
    );

    const diagnosis = JSON.parse(readFileSync(join(dir, 'diagnosis.json'), 'utf8')) as Diagnosis;
    // 32 streams on 4 slots and 2 cores, the load generator on the same 2 cores: the queue is real; whether
    // the cores, the slots or the starved client come first is what the numbers say, and the verdict follows.
    const { stats } = diagnosis;
    const cpuSaturated = (stats.meanCpuBusy ?? 0) >= 90;
    const clientStarved =
      (stats.clientCpuP90 ?? 0) >= 85 || (!cpuSaturated && (stats.clientLagP90Ms ?? 0) >= 25);
    const expected = clientStarved ? 'client-bound' : cpuSaturated ? 'cpu-bound' : 'slot-bound';
    assert.equal(diagnosis.verdict.kind, expected, JSON.stringify(stats));
    assert.ok(diagnosis.findings.some((f) => f.kind === (cpuSaturated ? 'queueing' : 'slot-bound')));
    assert.ok((stats.meanDeferred ?? 0) > 0 && stats.totalSlots === 4);
    const title = {
      'client-bound': 'the load generator',
      'cpu-bound': 'CPU-bound',
      'slot-bound': 'slot-bound',
    };
    assert.match(result.stdout, new RegExp(`^verdict +${title[expected]}`, 'm'));
    assert.match(result.stdout, /^figures +peak core \d+% \(cpu\d\)/m);
    assert.match(result.stdout, /^recommendation +\S/m);

    const again = await runCli(['diagnose', '--run', id ?? ''], env);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, new RegExp(`^verdict +${diagnosis.verdict.summary.split(':')[0]}`, 'm'));
  });

  it('detects a load generator that is its own bottleneck', async () => {
    const sim = await startSim({ slots: 8 });
    const dir = temp('inferload-client-bound-');
    try {
      const startMs = Date.now();
      const diagnostics = await startDiagnostics(
        { intervalMs: 250, baseUrl: sim.url, api: 'openai' },
        dir,
        startMs,
      );
      const result = await runTest({
        scriptPath: join(projectRoot, 'test', 'fixtures', 'k6', 'burn-cpu.js'),
        env: { TARGET: sim.url },
        stdout: new PassThrough(),
        stderr: new PassThrough(),
      });
      await diagnostics.stop();
      assert.equal(result.exitCode, 0);
      const records: DiagnosticsRecord[] = readDiagnostics(join(dir, 'diagnostics.jsonl'));
      const diagnosis = computeVerdict({ records });
      assert.equal(diagnosis.verdict.kind, 'client-bound', JSON.stringify(diagnosis.stats));
      // Alone on the machine its CPU reads ~100%; beside other work it is starved, and its timers run late.
      assert.ok((diagnosis.stats.clientCpuP90 ?? 0) >= 85 || (diagnosis.stats.clientLagP90Ms ?? 0) >= 25);
      assert.match(diagnosis.recommendation, /another machine|ENGINE=k6/);
      assert.ok(
        diagnosis.gaps.some((g) => /no session on the server host/.test(g)),
        'says what it could not see',
      );
    } finally {
      await sim.close();
    }
  });
});
