// A Batch API run killed with SIGKILL while the server works on the batch, then rerun: it polls the batch it
// created (none is created again), and every custom_id is in the output exactly once, each generated once.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { startSim } from '../../../src/sim/server.ts';
import { projectRoot } from '../../../src/util/paths.ts';
import { INPUT, runBatchCli, tempBenchmarks } from './batch-cli.ts';

function batchFile(benchmarks: string, name: string): string {
  const run = readdirSync(benchmarks).find((d) => d.startsWith('batch-'));
  return run ? join(benchmarks, run, 'batch-1', name) : '';
}

describe('batch-test resume in Batch API mode', { timeout: 180_000 }, () => {
  it('completes after a SIGKILL with every custom_id exactly once', async () => {
    const sim = await startSim({ decodeMsPerToken: 10, jitter: 0, batchApi: true, logRequests: true });
    const benchmarks = tempBenchmarks();
    const args = ['--input', INPUT, '--batches', '1', '--mode', 'api', '--target', sim.url];
    try {
      const child = spawn(process.execPath, [join(projectRoot, 'bin/inferload.js'), 'batch-test', ...args], {
        env: { ...process.env, INFERLOAD_BENCHMARKS: benchmarks },
        stdio: 'ignore',
      });
      // Killed once the server's batch id is saved and the server has answered some of its lines.
      const served = (): number => sim.requestLog().filter((e) => e.path === '/v1/chat/completions').length;
      const saved = (): boolean => {
        const file = batchFile(benchmarks, 'state.json');
        return (
          existsSync(file) &&
          (JSON.parse(readFileSync(file, 'utf8')) as { apiBatchId?: string }).apiBatchId !== undefined
        );
      };
      while (!(saved() && served() >= 3)) await delay(20);
      child.kill('SIGKILL');
      await new Promise((resolve) => child.on('exit', resolve));
      assert.ok(served() < 30, `killed before the batch ended (${served()} served)`);
      assert.ok(
        !existsSync(batchFile(benchmarks, 'output.jsonl')),
        'no output yet: the server still holds it',
      );

      const result = await runBatchCli(args, benchmarks);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /resuming .*batch-/);
      const ids = readFileSync(batchFile(benchmarks, 'output.jsonl'), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => (JSON.parse(l) as { custom_id: string }).custom_id);
      const expected = readFileSync(INPUT, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => (JSON.parse(l) as { custom_id: string }).custom_id);
      assert.deepEqual([...ids].sort(), [...expected].sort());
      assert.equal(new Set(ids).size, ids.length);
      const log = sim.requestLog();
      assert.equal(
        log.filter((e) => e.method === 'POST' && e.path === '/v1/batches').length,
        1,
        'one batch created',
      );
      const generated = log.filter((e) => e.path === '/v1/chat/completions').map((e) => e.clientRequestId);
      assert.deepEqual([...generated].sort(), [...expected].sort(), 'each line generated once');
    } finally {
      await sim.close();
    }
  });
});
