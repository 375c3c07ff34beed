import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { registerBuiltinMetrics } from '../../../src/engine/metrics/builtin-metrics.ts';
import { percentileOfSorted } from '../../../src/engine/metrics/percentile.ts';
import { MetricRegistry } from '../../../src/engine/metrics/registry.ts';
import { JsonOutput } from '../../../src/engine/output/json-output.ts';
import { createThresholdSet } from '../../../src/engine/thresholds/threshold-set.ts';
import { mergeParts, type PartFiles } from '../../../src/distributed/merge-parts.ts';

const THRESHOLDS = {
  http_req_duration: ['p(95)<300'],
  'http_req_duration{expected_response:true}': ['max<10000'],
  http_reqs: ['count>=25'],
};

/** Writes one part's JSON output with the engine's own writer: a request per duration, `start` its first time. */
async function writePart(dir: string, name: string, durations: number[], start: number): Promise<PartFiles> {
  const registry = new MetricRegistry();
  registerBuiltinMetrics(registry);
  const thresholds = createThresholdSet(THRESHOLDS, registry);
  const metricsPath = join(dir, `${name}.json.gz`);
  const json = JsonOutput.open({ path: metricsPath, registry, thresholds });
  durations.forEach((value, i) => {
    const tags = { method: 'POST', status: '200', expected_response: 'true', scenario: 'default' };
    json.add({ metric: 'http_reqs', time: start + i * 100, value: 1, tags });
    json.add({ metric: 'http_req_duration', time: start + i * 100, value, tags });
  });
  await json.close();
  const summaryPath = join(dir, `${name}.summary.json`);
  // What a part's --summary-export says of its thresholds: the merge needs the sub-metric's from here.
  writeFileSync(
    summaryPath,
    JSON.stringify({
      metrics: {
        'http_req_duration{expected_response:true}': {
          avg: 1,
          'p(99)': 1,
          thresholds: { 'max<10000': false },
        },
      },
    }),
  );
  return { name, metricsPath, summaryPath, offsetMs: 0 };
}

function points(path: string): { metric: string; time: string }[] {
  return gunzipSync(readFileSync(path))
    .toString('utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; metric: string; data: { time: string } })
    .filter((line) => line.type === 'Point')
    .map((line) => ({ metric: line.metric, time: line.data.time }));
}

describe('mergeParts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'inferload-merge-'));
  const fast = Array.from({ length: 12 }, (_, i) => 50 + i * 7);
  const slow = Array.from({ length: 9 }, (_, i) => 200 + i * 61);
  const third = Array.from({ length: 6 }, (_, i) => 90 + i * 13);

  it('gives the percentiles of the concatenated samples and judges thresholds on the merged data', async () => {
    const t0 = Date.parse('2026-12-06T08:00:00Z');
    const parts = [
      await writePart(dir, 'a', fast, t0),
      await writePart(dir, 'b', slow, t0 + 30),
      await writePart(dir, 'c', third, t0 + 60),
    ];
    const summaryExport = join(dir, 'summary.json');
    const jsonOut = join(dir, 'metrics.json.gz');
    const result = await mergeParts({ parts, jsonOut, summaryExport, testRunDurationMs: 2000 });

    const all = [...fast, ...slow, ...third].sort((x, y) => x - y);
    const exported = JSON.parse(readFileSync(summaryExport, 'utf8')) as {
      metrics: Record<string, Record<string, unknown>>;
    };
    const duration = exported.metrics['http_req_duration'] ?? {};
    assert.equal(duration['p(95)'], percentileOfSorted(all, all.length, 0.95));
    assert.equal(duration['p(90)'], percentileOfSorted(all, all.length, 0.9));
    assert.equal(duration['med'], percentileOfSorted(all, all.length, 0.5));
    assert.equal(duration['max'], all.at(-1));
    assert.equal(exported.metrics['http_reqs']?.['count'], 27);
    assert.equal(exported.metrics['http_reqs']?.['rate'], 27 / 2);
    // Part a alone passes p(95)<300 and b alone fails it; merged it fails. No part has 25 requests; merged passes.
    assert.deepEqual(duration['thresholds'], { 'p(95)<300': true });
    assert.deepEqual(exported.metrics['http_reqs']?.['thresholds'], { 'count>=25': false });
    assert.deepEqual(
      exported.metrics['http_req_duration{expected_response:true}']?.['thresholds'],
      { 'max<10000': false },
      'the sub-metric threshold named only in the summaries is evaluated too',
    );
    assert.deepEqual(result.breached, ['http_req_duration']);
    assert.deepEqual(
      result.parts.map((p) => [p.name, p.points, p.damaged]),
      [
        ['a', 24, false],
        ['b', 18, false],
        ['c', 12, false],
      ],
    );
    const merged = points(jsonOut);
    assert.equal(merged.length, 54);
    const times = merged.map((p) => Date.parse(p.time));
    assert.deepEqual(
      times,
      [...times].sort((x, y) => x - y),
      'the merged points are in time order',
    );
  });

  it("puts each part's points on our clock with its offset, and says which part's file was cut", async () => {
    const t0 = Date.parse('2026-12-06T09:00:00Z');
    const ahead = await writePart(dir, 'ahead', [100, 100], t0 + 5000);
    const cut = await writePart(dir, 'cut', fast, t0);
    // A generator killed mid-write leaves a gzip stream without its end.
    const bytes = readFileSync(cut.metricsPath);
    writeFileSync(cut.metricsPath, bytes.subarray(0, Math.floor(bytes.length * 0.8)));
    const result = await mergeParts({
      parts: [{ ...ahead, offsetMs: 5000 }, cut, { ...cut, name: 'gone', metricsPath: join(dir, 'none.gz') }],
      jsonOut: join(dir, 'offset.json.gz'),
      summaryExport: join(dir, 'offset-summary.json'),
      testRunDurationMs: 2000,
    });
    const first = points(join(dir, 'offset.json.gz'))[0];
    assert.equal(Date.parse(first?.time ?? ''), t0, 'the part 5 s ahead starts with the others once shifted');
    const byName = Object.fromEntries(result.parts.map((p) => [p.name, p]));
    assert.equal(byName['ahead']?.damaged, false);
    assert.equal(byName['cut']?.damaged, true);
    assert.equal(byName['gone']?.damaged, true);
    assert.equal(byName['gone']?.points, 0);
  });

  it('leaves out what the parts wrote before the release (fromMs), counting from it', async () => {
    const t0 = Date.parse('2026-12-06T10:00:00Z');
    const early = await writePart(dir, 'early', [100, 110, 120, 130], t0);
    const result = await mergeParts({
      parts: [early],
      jsonOut: join(dir, 'from.json.gz'),
      summaryExport: join(dir, 'from-summary.json'),
      fromMs: t0 + 200,
    });
    const kept = points(join(dir, 'from.json.gz'));
    assert.deepEqual(
      [...new Set(kept.map((p) => Date.parse(p.time) - t0))],
      [200, 300],
      'the points at +0 and +100 ms are before the release',
    );
    assert.equal(result.firstMs, t0 + 200);
    const summary = JSON.parse(readFileSync(join(dir, 'from-summary.json'), 'utf8')) as {
      metrics: Record<string, Record<string, number>>;
    };
    assert.equal(summary.metrics['http_reqs']?.['count'], 2);
  });
});
