import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
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
    assert.deepEqual(stats, { points: 2, malformedLines: 1, truncated: false, lastPointMs: SECOND + 1000 });
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
    assert.deepEqual(stats, {
      points: 2,
      malformedLines: 0,
      truncated: true,
      cutLine: true,
      lastPointMs: SECOND + 500,
    });
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
    assert.equal(stats.cutLine, true);
    assert.deepEqual(stats.gzip, { kind: 'cut' });
  });

  it('says a gzip stream cut only in its trailer is truncated, though every line is whole', async () => {
    const path = join(dir, 'no-trailer.json.gz');
    const gz = gzipSync(`${[1, 2, 3].map((v) => pointLine('llm_e2e', v)).join('\n')}\n`);
    writeFileSync(path, gz.subarray(0, gz.length - 8));
    const stats = newStats();
    assert.deepEqual(
      (await readAll(path, { stats })).map((p) => p.value),
      [1, 2, 3],
    );
    assert.deepEqual(stats, {
      points: 3,
      malformedLines: 0,
      truncated: true,
      gzip: { kind: 'cut' },
      lastPointMs: SECOND + 500,
    });
  });

  it('reads random bytes in a .gz without throwing: no points, and the damage in stats', async () => {
    const path = join(dir, 'random.json.gz');
    // Not starting with gzip's magic bytes 1f 8b, whatever the seed.
    writeFileSync(path, Buffer.concat([Buffer.from('PK'), randomBytes(4096)]));
    const stats = newStats();
    assert.deepEqual(await readAll(path, { stats }), []);
    assert.deepEqual(stats, {
      points: 0,
      malformedLines: 0,
      truncated: false,
      gzip: { kind: 'not-gzip', reason: 'incorrect header check' },
    });
  });

  it('stops at corrupt gzip data, yielding the points before it and the byte range of the damage', async () => {
    const path = join(dir, 'corrupt.json.gz');
    const text = `${Array.from({ length: 3000 }, (_, i) => pointLine('llm_itl', i)).join('\n')}\n`;
    // Stored (level 0) deflate blocks: the second block's length check sits at a known byte.
    const gz = Buffer.from(gzipSync(text, { level: 0 }));
    const second = 15 + gz.readUInt16LE(11);
    gz.writeUInt16LE(gz.readUInt16LE(second + 3) ^ 1, second + 3);
    writeFileSync(path, gz);
    const stats = newStats();
    const points = await readAll(path, { stats });
    // The first block's whole lines, less at most the last 16 KiB zlib held when it failed.
    const inFirstBlock = text.slice(0, second - 15).split('\n').length - 1;
    assert.ok(points.length > 0 && points.length <= inFirstBlock, `${points.length} of ${inFirstBlock}`);
    assert.deepEqual(
      points.map((p) => p.value),
      Array.from({ length: points.length }, (_, i) => i),
    );
    assert.equal(stats.points, points.length);
    assert.equal(stats.truncated, false);
    assert.equal(stats.cutLine, undefined);
    const damage = stats.gzip;
    assert.ok(damage?.kind === 'corrupt', JSON.stringify(damage));
    assert.equal(damage.reason, 'invalid stored block lengths');
    assert.ok(damage.from > 0 && damage.from <= second + 5, `from ${damage.from}, damaged at ${second + 3}`);
    assert.ok(damage.to > second + 3 && damage.to <= gz.length, `to ${damage.to}`);
  });

  it('reads every point of a gzip whose checksum is wrong, and says so', async () => {
    const path = join(dir, 'crc.json.gz');
    const gz = Buffer.from(gzipSync(`${[1, 2].map((v) => pointLine('vus', v)).join('\n')}\n`));
    gz.writeUInt8(gz.readUInt8(gz.length - 8) ^ 0xff, gz.length - 8);
    writeFileSync(path, gz);
    const stats = newStats();
    assert.deepEqual(
      (await readAll(path, { stats })).map((p) => p.value),
      [1, 2],
    );
    assert.deepEqual(stats.gzip, { kind: 'checksum', reason: 'incorrect data check' });
    assert.equal(stats.truncated, false);
  });

  it('says an empty .gz is empty', async () => {
    const path = join(dir, 'empty.json.gz');
    writeFileSync(path, '');
    const stats = newStats();
    assert.deepEqual(await readAll(path, { stats }), []);
    assert.deepEqual(stats.gzip, { kind: 'empty' });
  });

  it('lets a reader stop early on a gzip file', async () => {
    const path = join(dir, 'early.json.gz');
    writeFileSync(
      path,
      gzipSync(`${Array.from({ length: 50_000 }, (_, i) => pointLine('vus', i)).join('\n')}\n`),
    );
    let n = 0;
    for await (const point of readMetricPoints(path)) {
      assert.equal(point.value, n);
      if (++n === 10) break;
    }
    assert.equal(n, 10);
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
    assert.equal(stats.gzip, undefined);
  });

  it('fails on a missing file, plain or gzip', async () => {
    await assert.rejects(readAll(join(dir, 'none.json')), { code: 'ENOENT' });
    await assert.rejects(readAll(join(dir, 'none.json.gz')), { code: 'ENOENT' });
  });
});
