// The simulator dies mid-batch (its process exits): the batch run says so and fails; once a simulator is back
// on the same port, the same command resumes and completes with every custom_id exactly once.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { freePort, startSim, stopSim } from '../soak/soak-cli.ts';
import { INPUT, readSummary, runBatchCli, tempBenchmarks } from './batch-cli.ts';

describe('batch-test when the server crashes mid-batch', { timeout: 240_000 }, () => {
  it('reports the crash, and a rerun after the server is back completes', async () => {
    const port = await freePort();
    const crashing = await startSim(port, ['--crash-after', '12', '--decode-ms', '2']);
    const exited = new Promise<number | null>((resolve) => crashing.child.on('exit', resolve));
    const benchmarks = tempBenchmarks();
    const args = ['--input', INPUT, '--batches', '1', '--chunk', '5', '--concurrency', '2', '--retries', '1'];
    const url = crashing.url;
    const first = await runBatchCli([...args, '--target', url], benchmarks);
    assert.notEqual(await exited, 0, 'the simulator process died');
    assert.equal(first.code, 98, `${first.stdout}\n${first.stderr}`);
    assert.match(first.stderr, /batch test failed: .*\d+ of 30 requests failed/);
    const crashed = readSummary(first.stdout);
    assert.equal(crashed.verdicts.success.verdict, 'failures');
    const kinds = crashed.batches[0]?.errorKinds ?? {};
    assert.ok(
      (kinds['connect_refused'] ?? 0) > 0,
      `refused once the process was gone: ${JSON.stringify(kinds)}`,
    );
    // The simulator answered 12 generations before it died; none of them is lost.
    assert.ok((crashed.batches[0]?.succeeded ?? 0) >= 12, JSON.stringify(crashed.batches[0]));

    const back = await startSim(port, ['--decode-ms', '2']);
    try {
      const second = await runBatchCli([...args, '--target', url], benchmarks);
      assert.equal(second.code, 0, `${second.stdout}\n${second.stderr}`);
      const summary = readSummary(second.stdout);
      assert.equal(summary.verdicts.success.verdict, 'all succeeded', summary.verdicts.success.reason);
      const run = readdirSync(benchmarks).find((d) => d.startsWith('batch-')) ?? '';
      const ids = readFileSync(join(benchmarks, run, 'batch-1', 'output.jsonl'), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => (JSON.parse(l) as { custom_id: string }).custom_id);
      assert.equal(ids.length, 30);
      assert.equal(new Set(ids).size, 30);
    } finally {
      await stopSim(back.child);
    }
  });
});
