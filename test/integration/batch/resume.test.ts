// A run killed mid-batch (SIGKILL) and rerun: every custom_id exactly once, nothing stored is sent again.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { startSim } from '../../../src/sim/server.ts';
import { projectRoot } from '../../../src/util/paths.ts';
import { INPUT, runBatchCli, tempBenchmarks } from './batch-cli.ts';

function storedIds(benchmarks: string): string[] {
  const run = readdirSync(benchmarks).find((d) => d.startsWith('batch-'));
  const file = run ? join(benchmarks, run, 'batch-1', 'output.jsonl') : '';
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.endsWith('}'))
    .map((l) => (JSON.parse(l) as { custom_id: string }).custom_id);
}

describe('batch-test resume', { timeout: 180_000 }, () => {
  it('completes after a SIGKILL without sending a stored request again', async () => {
    const sim = await startSim({
      decodeMsPerToken: 25,
      promptTokensPerSecond: 100_000,
      jitter: 0,
      logRequests: true,
    });
    const benchmarks = tempBenchmarks();
    const args = [
      'batch-test',
      '--input',
      INPUT,
      '--batches',
      '1',
      '--chunk',
      '5',
      '--concurrency',
      '2',
      '--target',
      sim.url,
    ];
    try {
      const child = spawn(process.execPath, [join(projectRoot, 'bin/inferload.js'), ...args], {
        env: { ...process.env, INFERLOAD_BENCHMARKS: benchmarks },
        stdio: 'ignore',
      });
      while (storedIds(benchmarks).length < 12) await delay(20);
      child.kill('SIGKILL');
      await new Promise((resolve) => child.on('exit', resolve));
      const stored = new Set(storedIds(benchmarks));
      assert.ok(stored.size >= 12 && stored.size < 30, `stored ${stored.size}`);
      const rerunAt = Date.now();
      const result = await runBatchCli(args.slice(1), benchmarks);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /resuming .*batch-/);
      const ids = storedIds(benchmarks);
      assert.equal(ids.length, 30);
      assert.equal(new Set(ids).size, 30);
      const resent = sim.requestLog().filter((e) => e.at >= rerunAt && stored.has(e.clientRequestId ?? ''));
      assert.deepEqual(resent, []);
      const answered = sim
        .requestLog()
        .filter((e) => e.status === 200 && stored.has(e.clientRequestId ?? ''));
      assert.equal(answered.length, stored.size);
    } finally {
      await sim.close();
    }
  });
});
