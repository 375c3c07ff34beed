// Each soak detector fires on the faulty simulator (a real leak in its RSS, a slowdown, a restart between
// windows) and stays quiet on the healthy one. Each soak is ~35 s: 10 minutes at TIME_SCALE=0.05.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { freePort, readVerdicts, runSoakCli, startSim, stopSim } from './soak-cli.ts';

const SIM = ['--slots', '4', '--decode-ms', '5', '--seed', '3'];

describe('soak detectors against the simulator', { timeout: 600_000 }, () => {
  it('a healthy simulator: stable, every detector quiet, verdicts in the folder and the report', async () => {
    const sim = await startSim(await freePort(), SIM);
    try {
      const result = await runSoakCli(sim.url);
      assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
      const v = readVerdicts(result.stdout);
      assert.equal(v.verdict, 'stable', v.reason);
      assert.equal(v.memory.verdict, 'flat', v.memory.reason);
      assert.ok(v.memory.samples >= 10, `RSS sampled from the sim's pid: ${v.memory.reason}`);
      assert.equal(v.drift.verdict, 'steady', v.drift.reason);
      assert.equal(v.errors.verdict, 'none', v.errors.reason);
      assert.equal(v.restarts.verdict, 'none', v.restarts.reason);
      assert.equal(v.restarts.events.length, 0);
      assert.equal(v.gpuMemory.verdict, 'not judged', 'no GPU on this machine');
      assert.ok(v.windows.length >= 4 && v.windows.every((w) => w.requests > 0), JSON.stringify(v.windows));
      assert.match(result.stdout, /^soak {12}STABLE: /m);
      const dir = dirname(/soak verdicts: (.+)/.exec(result.stdout)?.[1] ?? '');
      assert.match(readFileSync(join(dir, 'report.md'), 'utf8'), /## Soak\n\n- \*\*soak\*\*: STABLE/);
      assert.match(readFileSync(join(dir, 'report.html'), 'utf8'), /<section id="soak">/);
      // Judged again from the folder alone: the same verdicts.
      const again = await import('../../helpers/run-cli.ts').then(({ runCli }) =>
        runCli(['soak', '--run', dir], { INFERLOAD_BENCHMARKS: result.benchmarks }),
      );
      assert.equal(again.code, 0, again.stderr);
      assert.equal(readVerdicts(again.stdout).memory.slopeMbPerMin, v.memory.slopeMbPerMin);
    } finally {
      await stopSim(sim.child);
    }
  });

  it('a simulator that leaks 2 MB per answer: a memory leak, from its RSS', async () => {
    const sim = await startSim(await freePort(), [...SIM, '--leak-bytes', String(2 * 1024 ** 2)]);
    try {
      const result = await runSoakCli(sim.url);
      assert.equal(result.code, 1, `${result.stdout}\n${result.stderr}`);
      const v = readVerdicts(result.stdout);
      assert.equal(v.verdict, 'unstable');
      assert.equal(v.memory.verdict, 'leak', v.memory.reason);
      assert.ok((v.memory.growthMb ?? 0) >= 128 && (v.memory.slopeMbPerMin ?? 0) >= 2, v.memory.reason);
      assert.equal(v.restarts.verdict, 'none', v.restarts.reason);
      assert.match(result.stderr, /soak unstable: memory leak: server RSS \(pid \d+\) grew/);
    } finally {
      await stopSim(sim.child);
    }
  });

  it('a simulator that slows down with every answer: drift', async () => {
    const sim = await startSim(await freePort(), [...SIM, '--slowdown-ms', '0.1']);
    try {
      const result = await runSoakCli(sim.url);
      assert.equal(result.code, 1, `${result.stdout}\n${result.stderr}`);
      const v = readVerdicts(result.stdout);
      assert.equal(v.drift.verdict, 'drift', v.drift.reason);
      assert.ok((v.drift.throughput?.change ?? 0) <= -0.2, v.drift.reason);
      assert.equal(v.memory.verdict, 'flat', v.memory.reason);
      assert.equal(v.errors.verdict, 'none', v.errors.reason);
    } finally {
      await stopSim(sim.child);
    }
  });

  it('a simulator killed and started again on its port mid-run: a restart and the error burst around it', async () => {
    const port = await freePort();
    let sim = await startSim(port, SIM);
    const firstPid = sim.child.pid;
    const soak = runSoakCli(sim.url, ['--thresholds', 'burst_errors=1']);
    // 15 s in: the steady span (3 s to 33 s) has windows on both sides.
    await new Promise((resolve) => setTimeout(resolve, 15_000));
    await stopSim(sim.child, 'SIGKILL');
    sim = await startSim(port, SIM);
    try {
      const result = await soak;
      const v = readVerdicts(result.stdout);
      assert.equal(v.restarts.verdict, 'restarted', v.restarts.reason);
      const event = v.restarts.events[0];
      assert.equal(event?.fromPid, firstPid);
      assert.equal(event?.toPid, sim.child.pid);
      assert.notEqual(v.verdict, 'stable');
      assert.ok(
        existsSync(join(dirname(/soak verdicts: (.+)/.exec(result.stdout)?.[1] ?? ''), 'report.html')),
      );
    } finally {
      await stopSim(sim.child);
    }
  });
});
