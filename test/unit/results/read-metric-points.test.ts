import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import {
  readMetricPoints,
  type MetricPoint,
  type ReadPointsStats,
} from '../../../src/results/read-metric-points.ts';

const dir = mkdtempSync(join(tmpdir(), 'inferload-points-'));
const SECOND = Date.parse('2026-08-21T09:43:41+02:00');

function pointLine(metric: string, value: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    metric,
    type: 'Point',
    data: { time: '2026-08-21T09:43:41.5+02:00', value, tags: { scenario: 'llm' }, ...extra },
  });
}

async function readAll(
  path: string,
  options: Parameters<typeof readMetricPoints>[1] = {},
): Promise<MetricPoint[]> {
  const points: MetricPoint[] = [];
  for await (const point of readMetricPoints(path, options)) points.push(point);
  return points;
}

function newStats(): ReadPointsStats {
  return { points: 0, malformedLines: 0, truncated: false };
}

describe('readMetricPoints', () => {
  it('yields Points with epoch-ms time (microseconds kept), tags and metadata; skips Metric and bad lines', async () => {
    const path = join(dir, 'plain.json');
    const lines = [
      JSON.stringify({ type: 'Metric', data: { name: 'llm_ttft', type: 'trend' }, metric: 'llm_ttft' }),
      JSON.stringify({
        metric: 'llm_ttft',
        type: 'Point',
        data: {
          time: '2026-08-21T09:43:41.123456789+02:00',
          value: 12.5,
          tags: { api: 'openai' },
          metadata: { request_id: '3-17' },
        },
      }),
      '{"type":"Point", not json',
      JSON.stringify({
        metric: 'vus',
        type: 'Point',
        data: { time: '2026-08-21T07:43:42Z', value: 4, tags: {} },
      }),
    ];
    writeFileSync(path, `${lines.join('\n')}\n`);
    const stats = newStats();
    const points = await readAll(path, { stats });
    assert.equal(points.length, 2);
    assert.equal(points[0]?.metric, 'llm_ttft');
    assert.ok(Math.abs((points[0]?.time ?? 0) - (SECOND + 123.456789)) < 1e-3);
    assert.equal(points[0]?.value, 12.5);
    assert.deepEqual(points[0]?.tags, { api: 'openai' });
    assert.deepEqual(points[0]?.metadata, { request_id: '3-17' });
    assert.equal(points[1]?.time, SECOND + 1000);
    assert.deepEqual(points[1]?.metadata, {});
    assert.deepEqual(stats, { points: 2, malformedLines: 1, truncated: false });
  });

  it('reads metadata written beside data as well as inside it', async () => {
    const path = join(dir, 'outer-metadata.json');
    const line = JSON.stringify({
      type: 'Point',
      metric: 'llm_e2e',
      data: { time: '2026-08-21T09:43:41+02:00', value: 1, tags: {} },
      metadata: { request_id: '1-0' },
    });
    writeFileSync(path, `${line}\n`);
    assert.deepEqual((await readAll(path))[0]?.metadata, { request_id: '1-0' });
  });

  it('parses only the metrics asked for', async () => {
    const path = join(dir, 'filter.json');
    writeFileSync(
      path,
      `${[pointLine('vus', 1), pointLine('llm_errors', 1), pointLine('vus', 2)].join('\n')}\n`,
    );
    const points = await readAll(path, { metrics: ['vus'] });
    assert.deepEqual(
      points.map((p) => p.value),
      [1, 2],
    );
  });

  it('reads a plain file up to a cut last line and says it was truncated', async () => {
    const path = join(dir, 'cut.json');
    const full = pointLine('llm_e2e', 3);
    writeFileSync(path, `${pointLine('llm_e2e', 1)}\n${pointLine('llm_e2e', 2)}\n${full.slice(0, 40)}`);
    const stats = newStats();
    const points = await readAll(path, { stats });
    assert.deepEqual(
      points.map((p) => p.value),
      [1, 2],
    );
    assert.deepEqual(stats, { points: 2, malformedLines: 0, truncated: true });
  });

  it('reads a gzip stream cut mid-way (a killed run) up to the cut', async () => {
    const path = join(dir, 'cut.json.gz');
    const text = `${Array.from({ length: 3000 }, (_, i) => pointLine('llm_itl', i)).join('\n')}\n`;
    const gz = gzipSync(text);
    const cut = gz.subarray(0, Math.floor(gz.length / 2));
    writeFileSync(path, cut);
    // What a gzip reader can recover from the cut bytes: its complete lines are the expected points.
    const recovered = gunzipSync(cut, { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8');
    const complete = recovered.split('\n').length - 1;
    assert.ok(complete > 100 && complete < 3000);
    const stats = newStats();
    const points = await readAll(path, { stats });
    assert.equal(points.length, complete);
    assert.deepEqual(
      points.map((p) => p.value),
      Array.from({ length: complete }, (_, i) => i),
    );
    assert.equal(stats.truncated, true);
  });

  it('reads a whole gzip file', async () => {
    const path = join(dir, 'whole.json.gz');
    writeFileSync(path, gzipSync(`${pointLine('vus', 7)}\n`));
    const stats = newStats();
    assert.deepEqual(
      (await readAll(path, { stats })).map((p) => p.value),
      [7],
    );
    assert.equal(stats.truncated, false);
  });

  it('fails on a missing file, plain or gzip', async () => {
    await assert.rejects(readAll(join(dir, 'none.json')), { code: 'ENOENT' });
    await assert.rejects(readAll(join(dir, 'none.json.gz')), { code: 'ENOENT' });
  });
});
