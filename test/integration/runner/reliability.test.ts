// The reliability suite (docs/reliability.md): each way a run can go wrong, run as a user would, asserting the
// exact outcome, the message, what is kept and that no junk run is left behind.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSim, type RunningSim } from '../../../src/sim/server.ts';
import { projectRoot } from '../../../src/util/paths.ts';
import type { RunMeta } from '../../../src/results/run-store.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { startFaultServer } from '../../helpers/fault-servers.ts';
import { startFaultServer as startSocketFault, UNRESOLVABLE_HOST } from '../../helpers/socket-faults.ts';

const temp = (prefix: string): string => mkdtempSync(join(tmpdir(), prefix));
const noK6 = { K6_BIN: '/nonexistent' };

function runsIn(root: string): { dir: string; meta: RunMeta }[] {
  if (!existsSync(root)) return [];
  return readdirSync(root).map((id) => ({
    dir: join(root, id),
    meta: JSON.parse(readFileSync(join(root, id, 'meta.json'), 'utf8')) as RunMeta,
  }));
}

/** Starts `inferload ARGS`, calls `when(stderrSoFar)` on every stderr chunk until it returns true, then sends `signal`. */
async function interruptWhen(
  args: string[],
  env: Record<string, string>,
  when: (stderr: string) => boolean,
  signal: NodeJS.Signals,
): Promise<{ code: number | null; stdout: string; stderr: string; afterSignalMs: number }> {
  const child = spawn(process.execPath, [join(projectRoot, 'bin/inferload.js'), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let sent = false;
  let sentAt = 0;
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  // Polled, not only on output: some moments (the probe waiting on a server) print nothing.
  const poll = setInterval(() => {
    if (sent || !when(stderr)) return;
    sent = true;
    sentAt = Date.now();
    child.kill(signal);
  }, 20);
  child.on('close', () => clearInterval(poll));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr, afterSignalMs: Date.now() - sentAt };
}

describe('reliability: honest outcomes', { timeout: 300_000 }, () => {
  let sim: RunningSim;
  before(async () => {
    sim = await startSim({ slots: 8, decodeMsPerToken: 2, promptTokensPerSecond: 20_000 });
  });
  after(() => sim.close());

  it('a server that answers /health and nothing else fails the run (exit 98), thresholds shown as no data', async () => {
    const hung = await startFaultServer('hung');
    const runs = temp('inferload-runs-');
    try {
      const result = await runCli(
        ['stress-test', '--target', `${hung.url}/`, '--time-scale', '0.02', '--max-tokens', '8'],
        { INFERLOAD_BENCHMARKS: runs, ...noK6 },
      );
      assert.equal(result.code, 98, result.stderr);
      assert.ok(!hung.paths.some((p) => p.startsWith('//')), 'a trailing slash in TARGET is not doubled');
      assert.match(
        result.stdout,
        /outcome +FAILED \(exit 98\)\n +no request finished: \d+ iterations? w(as|ere) cut off/,
      );
      assert.match(result.stdout, /\? llm_ttft p\(95\)<2000 +\(no data/);
      assert.doesNotMatch(result.stdout, /✓ llm_ttft/);
      const [run, ...more] = runsIn(runs);
      assert.equal(more.length, 0);
      assert.equal(run?.meta.outcome?.status, 'failed');
      assert.equal(run?.meta.exitCode, 98);
    } finally {
      await hung.close();
    }
  });

  it('MAX_TOKENS=1e9 on the simulator (requests that never end) fails the same way', async () => {
    const runs = temp('inferload-runs-');
    const result = await runCli(
      ['stress-test', '--target', sim.url, '--time-scale', '0.01', '--max-tokens', '1000000000'],
      { INFERLOAD_BENCHMARKS: runs, ...noK6 },
    );
    assert.equal(result.code, 98, result.stderr);
    assert.match(result.stdout, /no request finished/);
  });

  it('a server that dies mid-run: the watchdog says so once, backs off and ends the run as failed', async () => {
    const dying = await startSim({ slots: 8, decodeMsPerToken: 2, promptTokensPerSecond: 20_000 });
    const runs = temp('inferload-runs-');
    const child = spawn(
      process.execPath,
      [
        join(projectRoot, 'bin/inferload.js'),
        'stress-test',
        '--target',
        dying.url,
        '--time-scale',
        '0.2',
        '--max-tokens',
        '8',
        '-e',
        'WATCHDOG_SECONDS=1',
        '-e',
        'WATCHDOG_GRACE_SECONDS=3',
      ],
      { env: { ...process.env, INFERLOAD_BENCHMARKS: runs, ...noK6 }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    while (!stderr.includes('saving to')) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 2500));
    const servedBeforeDeath = dying.stats().requests;
    await dying.close();
    const started = Date.now();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 98, stderr);
    assert.ok(Date.now() - started < 30_000, 'ended by the watchdog, long before the profile would have');
    assert.equal(stderr.match(/every request failed for \d+ s .*backing off/g)?.length, 1, 'said once');
    assert.match(stdout, /target down: every request failed for \d+ s/);
    const [run] = runsIn(runs);
    assert.equal(run?.meta.outcome?.status, 'failed');
    const summary = JSON.parse(readFileSync(join(run?.dir ?? '', 'summary.json'), 'utf8')) as {
      metrics: Record<string, Record<string, number>>;
    };
    const passes = summary.metrics['llm_errors']?.['fails'] ?? 0;
    assert.ok(servedBeforeDeath > 0 && passes > 0, 'what was served before the server died is kept');
  });

  it('a healthy server on port 6000 (on fetch blocked-port list) is probed and loaded', async () => {
    const port = await freeBadPort();
    const onBadPort = await startSim({ port, slots: 4, decodeMsPerToken: 1 });
    try {
      const result = await runCli(
        ['stress-test', '--target', onBadPort.url, '--time-scale', '0.005', '--max-tokens', '4'],
        { INFERLOAD_BENCHMARKS: temp('inferload-runs-'), ...noK6 },
      );
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, new RegExp(`probe: http://127\\.0\\.0\\.1:${port}/health answered 200`));
    } finally {
      await onBadPort.close();
    }
  });

  for (const [name, args, expected] of [
    ['TIME_SCALE=-1', ['--time-scale', '-1'], /TIME_SCALE: expected a positive number, got '-1'/],
    ['TIME_SCALE=abc', ['--time-scale', 'abc'], /TIME_SCALE: expected a positive number, got 'abc'/],
    ['TIME_SCALE=0', ['--time-scale', '0'], /TIME_SCALE: expected a positive number, got '0'/],
    ['MAX_TOKENS=0', ['--max-tokens', '0'], /MAX_TOKENS: expected a positive integer, got '0'/],
    [
      'PROMPTS=/nonexistent',
      ['--prompts', '/nonexistent'],
      /PROMPTS \(--prompts\): cannot read '\/nonexistent'/,
    ],
    ['PROMPTS=bogus', ['--prompts', 'bogus'], /PROMPTS \(--prompts\): 'bogus' is not a prompt set/],
    [
      'a garbage prompt file',
      ['--prompts', 'package.json'],
      /PROMPTS \(--prompts\): package\.json: not ShareGPT JSON or JSONL/,
    ],
  ] as const) {
    it(`${name} is refused before the target is probed, with no run folder`, async () => {
      const watched = await startFaultServer('hung');
      const runs = temp('inferload-runs-');
      try {
        const result = await runCli(['stress-test', '--target', watched.url, ...args], {
          INFERLOAD_BENCHMARKS: runs,
          ...noK6,
        });
        assert.equal(result.code, 2, result.stderr);
        assert.match(result.stderr, expected);
        assert.doesNotMatch(result.stderr, /\n +at /, 'no stack trace');
        assert.deepEqual(watched.paths, [], 'the target was never contacted');
        assert.equal(runsIn(runs).length, 0);
      } finally {
        await watched.close();
      }
    });
  }

  it('probe failures name their cause and the fix that fits', async () => {
    const garbage = await startSocketFault('not-http');
    const huge = await startSocketFault('huge-head');
    const closed = await startFaultServer('hung');
    await closed.close();
    const cases: [string, RegExp][] = [
      [closed.url, /nothing listens at 127\.0\.0\.1:\d+ \(connection refused\)\. Fix: start the server/],
      [garbage.url, /the answer at 127\.0\.0\.1:\d+ is not HTTP.*Fix: a TLS port\? use https:\/\/ in TARGET/],
      [huge.url, /response headers exceed 10 MiB\. Fix: this is not an LLM server/],
      [
        sim.url.replace('http:', 'https:'),
        /TLS failed at 127\.0\.0\.1:\d+.*Fix: the server speaks plain HTTP there: use http:\/\//,
      ],
      [
        `http://${UNRESOLVABLE_HOST}:8080`,
        /host 'x+\.invalid' does not resolve.*Fix: check the host in TARGET/,
      ],
      ['ftp://127.0.0.1:21', /TARGET: unsupported scheme 'ftp:'/],
    ];
    try {
      for (const [target, expected] of cases) {
        const runs = temp('inferload-runs-');
        const result = await runCli(['stress-test', '--target', target, '--time-scale', '0.01'], {
          INFERLOAD_BENCHMARKS: runs,
          ...noK6,
        });
        assert.equal(result.code, 2, `${target}: ${result.stderr}`);
        assert.match(result.stderr, expected, target);
        if (target !== closed.url)
          assert.doesNotMatch(result.stderr, /start the server/, `${target}: advice fits`);
        assert.equal(runsIn(runs).length, 0);
      }
    } finally {
      await garbage.close();
      await huge.close();
    }
  });

  it('Ctrl-C during the probe ends the run at once: exit 105, named, nothing saved', async () => {
    const slow = await startFaultServer('slow-health');
    const runs = temp('inferload-runs-');
    try {
      const result = await interruptWhen(
        ['stress-test', '--target', slow.url, '--time-scale', '0.01'],
        { INFERLOAD_BENCHMARKS: runs, ...noK6 },
        () => slow.paths.includes('/health'),
        'SIGINT',
      );
      assert.equal(result.code, 105, result.stderr);
      assert.ok(
        result.afterSignalMs < 3000,
        `did not wait for the probe to answer (${result.afterSignalMs} ms)`,
      );
      assert.match(
        result.stderr,
        /interrupted by SIGINT before the load started: nothing was measured, no run was saved/,
      );
      assert.equal(runsIn(runs).length, 0);
    } finally {
      await slow.close();
    }
  });

  it('SIGTERM before any request finished: named as SIGTERM, the requests in flight counted, nothing saved', async () => {
    const hung = await startFaultServer('hung');
    const runs = temp('inferload-runs-');
    try {
      const result = await interruptWhen(
        ['stress-test', '--target', hung.url, '--time-scale', '0.05'],
        { INFERLOAD_BENCHMARKS: runs, ...noK6 },
        () => hung.paths.some((p) => p.startsWith('/v1/chat')),
        'SIGTERM',
      );
      assert.equal(result.code, 105, result.stderr);
      assert.match(result.stderr, /interrupted by SIGTERM/);
      assert.doesNotMatch(result.stderr, /Ctrl-C/);
      assert.match(result.stderr, /before any request finished \(\d+ in flight, unanswered\)/);
      assert.equal(runsIn(runs).length, 0);
    } finally {
      await hung.close();
    }
  });

  it('SIGTERM during the load keeps what was measured, recorded as SIGTERM', async () => {
    const runs = temp('inferload-runs-');
    let served = 0;
    const result = await interruptWhen(
      ['stress-test', '--target', sim.url, '--time-scale', '0.2', '--max-tokens', '8'],
      { INFERLOAD_BENCHMARKS: runs, ...noK6 },
      (stderr) => {
        if (!stderr.includes('saving to')) return false;
        served = sim.stats().completed;
        return served >= 5;
      },
      'SIGTERM',
    );
    assert.equal(result.code, 105, result.stderr);
    const [run] = runsIn(runs);
    assert.equal(run?.meta.outcome?.status, 'interrupted');
    assert.match(run?.meta.reason ?? '', /interrupted by SIGTERM/);
    assert.equal(run?.meta.partial, true);
    assert.match(result.stdout, /^requests +[1-9]\d*/m);
  });
});

/** Port 6000 (X11, on fetch's blocked list), or another blocked one when it is taken here. */
async function freeBadPort(): Promise<number> {
  for (const port of [6000, 6665, 6666, 6667, 6668, 6669, 10080]) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no port of fetch blocked list is free here');
}
