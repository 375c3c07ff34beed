// The embedded engine on two execution segments against the simulator: the parts' requests add up to an unsplit
// run's, and exec.scenario.iterationInTest / exec.vu.idInTest number the whole test, not the part.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runTest } from '../../../src/engine/run/run-test.ts';
import { startSim } from '../../../src/sim/server.ts';

const tmp = mkdtempSync(join(tmpdir(), 'inferload-segments-'));

// one open-model and one closed-model scenario; counters sum the whole-test numbering the script sees
const SCRIPT = `
import http from 'k6/http';
import exec from 'k6/execution';
import { Counter, Trend } from 'k6/metrics';

const inTest = new Counter('iteration_in_test_sum');
const vuIds = new Trend('vu_id_in_test');

export const options = {
  scenarios: {
    open: { executor: 'constant-arrival-rate', rate: 40, timeUnit: '1s', duration: '2s', preAllocatedVUs: 40, maxVUs: 40 },
    closed: { executor: 'shared-iterations', vus: 6, iterations: 60, startTime: '100ms' },
  },
};

export default function () {
  inTest.add(exec.scenario.iterationInTest);
  vuIds.add(exec.vu.idInTest);
  http.post(__ENV.TARGET + '/v1/chat/completions', JSON.stringify({
    model: 'sim', max_tokens: 4, messages: [{ role: 'user', content: 'hi' }],
  }), { headers: { 'Content-Type': 'application/json' } });
}
`;

type Exported = { metrics: Record<string, Record<string, number> | undefined> };

describe('execution segments on the embedded engine', { timeout: 120_000 }, () => {
  let sim: Awaited<ReturnType<typeof startSim>>;
  const scriptPath = join(tmp, 'split.js');

  before(async () => {
    sim = await startSim({ decodeMsPerToken: 1, promptTokensPerSecond: 100_000 });
    writeFileSync(scriptPath, SCRIPT);
  });
  after(() => sim.close());

  async function run(name: string, segment?: string): Promise<Exported> {
    const summaryExport = join(tmp, `${name}.json`);
    const stderr = new PassThrough();
    let errors = '';
    stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const result = await runTest({
      scriptPath,
      env: { TARGET: sim.url },
      quiet: true,
      stdout: new PassThrough(),
      stderr,
      summaryExport,
      ...(segment ? { cli: { executionSegment: segment, executionSegmentSequence: '0,1/2,1' } } : {}),
    });
    assert.equal(result.exitCode, 0, errors);
    return JSON.parse(readFileSync(summaryExport, 'utf8')) as Exported;
  }

  it('adds the two halves up to the unsplit run', async () => {
    const whole = await run('whole');
    const parts = [await run('first', '0:1/2'), await run('second', '1/2:1')];
    const count = (e: Exported, metric: string, stat = 'count'): number => e.metrics[metric]?.[stat] ?? 0;
    const wholeRequests = count(whole, 'http_reqs');
    for (const [name, e] of [
      ['whole', whole],
      ['first', parts[0]],
      ['second', parts[1]],
    ] as const) {
      assert.equal(count(e as Exported, 'http_req_failed', 'passes'), 0, `${name}: no failed requests`);
    }
    const planned = (e: Exported): number => count(e, 'http_reqs') + count(e, 'dropped_iterations');
    assert.equal(planned(whole), 80 + 60, 'the unsplit run started or dropped every planned iteration');
    assert.equal(planned(parts[0] as Exported) + planned(parts[1] as Exported), 80 + 60);
    const splitRequests = parts.reduce((a, p) => a + count(p, 'http_reqs'), 0);
    assert.ok(
      Math.abs(splitRequests - wholeRequests) <= wholeRequests * 0.01,
      `split ${splitRequests} vs whole ${wholeRequests}`,
    );
    assert.ok(
      parts.every((p) => count(p, 'http_reqs') >= 60),
      'both halves did their share',
    );
    // every whole-test iteration number 0..n-1 of each scenario is used once across the parts (a dropped
    // iteration takes no number, so this holds when nothing was dropped, as with these VUs)
    const numbering = parts.reduce((a, p) => a + count(p, 'iteration_in_test_sum'), 0);
    if ([whole, ...parts].every((e) => count(e, 'dropped_iterations') === 0)) {
      assert.equal(numbering, count(whole, 'iteration_in_test_sum'));
      assert.equal(numbering, (79 * 80) / 2 + (59 * 60) / 2);
    }
    // the second half's VUs carry the whole test's even ids (the first half's the odd ones)
    assert.equal(count(parts[1] as Exported, 'vu_id_in_test', 'min') % 2, 0);
    assert.equal(count(parts[0] as Exported, 'vu_id_in_test', 'min'), 1);
  });
});
