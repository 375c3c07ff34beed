// A step run without live samples (a k6 process) is judged from its saved raw samples, replayed into the same
// LiveStep the live path uses.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LiveStep } from '../../../src/capacity/live-step.ts';
import { replaySamples } from '../../../src/capacity/run-step.ts';

const T0 = Date.parse('2026-12-06T10:00:00Z');

/** k6 JSON output: the vus gauge every second, and `perSecond` requests finishing each second with this TTFT. */
function writeRun(seconds: number, perSecond: number, ttft: (s: number) => number): string {
  const lines: string[] = [];
  const point = (metric: string, ms: number, value: number): string =>
    JSON.stringify({ type: 'Point', metric, data: { time: new Date(ms).toISOString(), value, tags: {} } });
  for (let s = 0; s < seconds; s += 1) {
    lines.push(point('vus', T0 + s * 1000, 8));
    for (let i = 0; i < perSecond; i += 1) {
      const ms = T0 + s * 1000 + ((i + 0.5) * 1000) / perSecond;
      lines.push(point('llm_ttft', ms, ttft(s)), point('llm_e2e', ms, 800), point('llm_errors', ms, 0));
      lines.push(point('http_req_duration', ms, 800));
    }
  }
  const file = join(mkdtempSync(join(tmpdir(), 'inferload-replay-')), 'metrics.json');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('replaySamples', () => {
  it('judges a steady run steady over the window after its warm-up', async () => {
    const live = await replaySamples(
      writeRun(40, 10, () => 120),
      (start) => new LiveStep(start, 2, 10),
    );
    assert.ok(live);
    assert.equal(live.latestMs, T0 + 39_000 + 950);
    const judged = live.judge(live.latestMs, 0);
    assert.equal(judged?.steadiness.state, 'steady', judged?.steadiness.why);
    assert.equal(judged?.startMs, T0 + 4000, 'the ramp (2 s) and twice the median E2E (2 s) are not judged');
  });

  it('does not call a run whose TTFT keeps climbing steady', async () => {
    const file = writeRun(40, 10, (s) => 100 + s * 200);
    const live = await replaySamples(file, (start) => new LiveStep(start, 2, 10));
    const judged = live?.judge(live.latestMs, 0);
    assert.ok(judged, 'judged');
    assert.notEqual(judged.steadiness.state, 'steady', judged.steadiness.why);
    assert.equal(live?.requests, 400, 'every request seen');
  });

  it('gives nothing for a run that wrote no samples', async () => {
    const missing = join(tmpdir(), 'inferload-replay-none', 'metrics.json');
    assert.equal(await replaySamples(missing, (start) => new LiveStep(start, 2)), undefined);
  });
});
