// One run, one read: the run path, the verdict and the report read summary.json and diagnostics.jsonl once.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSim, type RunningSim } from '../../../src/sim/server.ts';
import { runProfile } from '../../../src/runner/run-profile.ts';
import { judgeRun } from '../../../src/diagnose/judge-run.ts';
import { writeReport } from '../../../src/report/write-report.ts';
import { createLocalSession } from '../../../src/remote/local-session.ts';

describe('the run path reads each file once', { timeout: 120_000 }, () => {
  let sim: RunningSim;
  const saved = process.env['INFERLOAD_BENCHMARKS'];
  before(async () => {
    sim = await startSim({ slots: 4, decodeMsPerToken: 2, promptTokensPerSecond: 20_000 });
    process.env['INFERLOAD_BENCHMARKS'] = mkdtempSync(join(tmpdir(), 'inferload-reads-'));
  });
  after(async () => {
    await sim.close();
    if (saved === undefined) delete process.env['INFERLOAD_BENCHMARKS'];
    else process.env['INFERLOAD_BENCHMARKS'] = saved;
  });

  it('run, verdict and report: summary.json once, diagnostics.jsonl once', async () => {
    const session = createLocalSession();
    try {
      const result = await runProfile({
        profile: 'light',
        settings: { TARGET_URL: sim.url, API: 'openai', STREAM: 'true', TIME_SCALE: '0.02', MAX_TOKENS: '8' },
        engine: 'embedded',
        quiet: true,
        log: () => undefined,
        diagnostics: {
          intervalMs: 250,
          baseUrl: sim.url,
          api: 'openai',
          host: { session, pid: process.pid },
        },
      });
      assert.equal(result.outcome.status, 'passed', result.outcome.reasons.join('\n'));
      const diagnosis = await judgeRun(result.files);
      assert.ok(diagnosis.verdict.kind.length > 0);
      await writeReport(result.files);
      assert.equal(result.files.reads['summary.json'], 1);
      assert.equal(result.files.reads['diagnostics.jsonl'], 1);
    } finally {
      await session.close();
    }
  });
});
