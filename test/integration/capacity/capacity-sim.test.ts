// make capacity against the simulator with a known capacity: 4 slots, 16 tokens at 25 ms a step and no prefill
// (a request holds a slot 0.4 s), so at most 4 / 0.4 = 10 requests/s. The search must land within 10% below
// it, name a breaking point above it, write capacity.json and a capacity.html that Chromium draws; Ctrl-C keeps
// every step measured so far.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSim, type RunningSim } from '../../../src/sim/server.ts';
import type { CapacityRecord } from '../../../src/capacity/types.ts';
import { projectRoot } from '../../../src/util/paths.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { hasChromium, openInChromium } from '../../helpers/chromium.ts';
import { readCharts } from '../../helpers/report-page.ts';

const CAPACITY = 10;

function capacityArgs(url: string): string[] {
  return [
    'capacity',
    '--target',
    url,
    '--max-tokens',
    '16',
    '--objective',
    'ttft_p95=3s,errors=1%',
    '--step-seconds',
    '15',
    '--min-seconds',
    '6',
    '--probe-users',
    '16',
    '--engine',
    'embedded',
  ];
}

function readRecord(root: string): { record: CapacityRecord; dir: string } | undefined {
  const base = join(root, 'capacity');
  const [id] = existsSync(base) ? readdirSync(base) : [];
  if (id === undefined) return undefined;
  const file = join(base, id, 'capacity.json');
  if (!existsSync(file)) return undefined;
  return { record: JSON.parse(readFileSync(file, 'utf8')) as CapacityRecord, dir: join(base, id) };
}

describe('make capacity against the simulator', () => {
  let sim: RunningSim;
  const roots: string[] = [];
  const newRoot = (): string => {
    const root = mkdtempSync(join(tmpdir(), 'inferload-capacity-'));
    roots.push(root);
    return root;
  };

  before(async () => {
    sim = await startSim({
      slots: 4,
      decodeMsPerToken: 25,
      contention: 0,
      jitter: 0,
      promptTokensPerSecond: 1e9,
      seed: 3,
    });
  });

  after(async () => {
    await sim.close();
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  it('finds the known capacity within 10%, a breaking point above it, and the knee', async () => {
    const root = newRoot();
    const result = await runCli(capacityArgs(sim.url), { INFERLOAD_BENCHMARKS: root }, 600_000);
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    const saved = readRecord(root);
    assert.ok(saved);
    const { record, dir } = saved;
    assert.equal(record.partial, false);
    const found = record.maxSustainable?.rate ?? 0;
    assert.ok(found <= CAPACITY * 1.02 && found >= CAPACITY * 0.9, `max sustainable ${found} req/s`);
    assert.ok((record.breakingPoint?.rate ?? 0) > CAPACITY, JSON.stringify(record.breakingPoint));
    assert.ok(
      record.knee && record.knee.inFlight > 2 && record.knee.inFlight < 6,
      JSON.stringify(record.knee),
    );
    // Every step says how long it ran and why it stopped; a runaway stops early, a steady step too.
    for (const step of record.steps) {
      assert.ok(step.seconds > 0 && step.seconds <= 15 + 3, `step ${step.index}: ${step.seconds} s`);
      assert.match(step.why, /steady|running away|time cap/);
      assert.ok(existsSync(join(root, step.runId, 'meta.json')), `step ${step.index} is a saved run`);
    }
    assert.ok(record.steps.some((s) => s.stoppedBy === 'steady'));
    // The verdict comes from the confirmation at the rate found (breaking steps may follow it).
    const confirm = record.steps.find((s) => s.index === record.maxSustainable?.step);
    assert.equal(confirm?.kind, 'confirm', JSON.stringify(record.maxSustainable));
    assert.equal(confirm?.rate, record.maxSustainable?.rate);
    assert.equal(record.verdict?.runId, confirm?.runId);
    assert.ok(
      existsSync(join(root, confirm?.runId ?? '', 'diagnostics.jsonl')),
      'diagnose sampled the confirmation',
    );
    assert.match(result.stdout, /^max sustainable {2}\d+\.\d\d req\/s/m);
    assert.match(result.stdout, /^verdict {10}\S/m);

    if (!hasChromium()) return;
    const page = await openInChromium(join(dir, 'capacity.html'));
    try {
      const charts = await readCharts(page.page);
      assert.deepEqual(
        charts.map((c) => c.id),
        ['capacity-throughput', 'capacity-ttft', 'capacity-tpot', 'capacity-e2e', 'capacity-knee'],
      );
      const throughput = charts[0];
      assert.ok((throughput?.series['finished'] ?? 0) >= 4);
      assert.equal(throughput?.series['max sustainable'], 1);
      assert.equal(throughput?.series['breaking point'], 1);
      assert.equal(charts[1]?.series['budget 3 s'], 2);
      assert.equal(charts[4]?.series['knee'], 1);
      assert.deepEqual([page.consoleErrors, page.requests], [[], []]);
      const rows = await page.page.$$eval('[data-step]', (nodes) => nodes.length);
      assert.equal(rows, record.steps.length);
    } finally {
      await page.close();
    }
  });

  it('keeps every finished step when interrupted, marked partial', async () => {
    const root = newRoot();
    const child = spawn(
      process.execPath,
      [join(projectRoot, 'bin', 'inferload.js'), ...capacityArgs(sim.url)],
      {
        cwd: projectRoot,
        env: { ...process.env, INFERLOAD_BENCHMARKS: root },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Interrupt once the first step is saved and the second is under way.
    const deadline = Date.now() + 120_000;
    while ((readRecord(root)?.record.steps.length ?? 0) < 1 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 250));
    await new Promise((r) => setTimeout(r, 3000));
    child.kill('SIGINT');
    assert.equal(await exited, 105, stderr);
    const saved = readRecord(root);
    assert.ok(saved);
    assert.equal(saved.record.partial, true);
    assert.match(saved.record.partialReason ?? '', /interrupted/);
    assert.ok(saved.record.steps.length >= 1);
    assert.equal(saved.record.maxSustainable, undefined);
    assert.match(readFileSync(join(saved.dir, 'capacity.html'), 'utf8'), /data-partial/);
  });
});
