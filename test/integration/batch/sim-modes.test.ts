// The verdicts against the simulator's failure modes, each flagged by the right verdict, and a healthy sim not.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { INPUT, readSummary, runBatchCli, spawnSim, tempBenchmarks } from './batch-cli.ts';

const SIM = ['--decode-ms', '10', '--pp-rate', '100000', '--jitter', '0', '--slots', '4'];
const BATCH = [
  '--input',
  INPUT,
  '--batches',
  '3',
  '--chunk',
  '10',
  '--concurrency',
  '4',
  '--leak-delta-mb',
  '60',
  '--leak-slope-mb',
  '40',
];

async function runAgainst(simArgs: string[], extra: string[] = []) {
  const sim = await spawnSim([...SIM, ...simArgs]);
  try {
    const result = await runBatchCli(
      [...BATCH, '--target', sim.url, '--server-pid', String(sim.pid), ...extra],
      tempBenchmarks(),
    );
    return { result, summary: readSummary(result.stdout) };
  } finally {
    sim.child.kill();
  }
}

describe('batch-test against the simulator', { timeout: 300_000 }, () => {
  it('passes a healthy sim: memory flat, model loaded, every request served, report written', async () => {
    const { result, summary } = await runAgainst([], ['--max-cv', '0.25']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /FINAL MULTI-BATCH SUMMARY/);
    assert.equal(summary.verdicts.memory.verdict, 'flat');
    assert.equal(summary.verdicts.reload.verdict, 'stayed loaded');
    assert.notEqual(summary.verdicts.throughput.verdict, 'degrading');
    assert.equal(summary.verdicts.success.rate, 1);
    assert.ok(existsSync(join(summary.dir, 'batch-report.html')));
  });

  it('flags a leaking sim as a leak and exits 98', async () => {
    const { result, summary } = await runAgainst(['--leak-bytes', String(2 << 20)]);
    assert.equal(summary.verdicts.memory.verdict, 'leak', summary.verdicts.memory.reason);
    assert.equal(result.code, 98);
    assert.match(result.stderr, /memory leak/);
  });

  it('flags a slowing sim as degrading throughput', async () => {
    const { summary } = await runAgainst(['--slowdown-ms', '1']);
    assert.equal(summary.verdicts.throughput.verdict, 'degrading', summary.verdicts.throughput.reason);
  });

  it('flags a sim that unloads between batches as reloaded', async () => {
    const { summary } = await runAgainst(
      ['--unload-after-ms', '300', '--reload-ms', '1500'],
      ['--pause-ms', '600'],
    );
    assert.equal(summary.verdicts.reload.verdict, 'reloaded', summary.verdicts.reload.reason);
    assert.match(summary.verdicts.reload.reason, /batch 2.*batch 3/);
  });

  it("uses the server's Batch API when it has one", async () => {
    const { result, summary } = await runAgainst(['--batch-api']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(summary.mode, 'api');
    assert.deepEqual(
      summary.batches.map((b) => b.succeeded),
      [30, 30, 30],
    );
  });
});
