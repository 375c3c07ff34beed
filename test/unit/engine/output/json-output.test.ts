import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { MetricRegistry } from '../../../../src/engine/metrics/registry.ts';
import { registerBuiltinMetrics } from '../../../../src/engine/metrics/builtin-metrics.ts';
import type { Sample } from '../../../../src/engine/metrics/types.ts';
import { createThresholdSet, type ThresholdSet } from '../../../../src/engine/thresholds/threshold-set.ts';
import { JsonOutput } from '../../../../src/engine/output/json-output.ts';
import { UserError } from '../../../../src/util/errors.ts';

interface Line {
  type: string;
  metric: string;
  data: Record<string, unknown>;
}

function setup(): { registry: MetricRegistry; thresholds: ThresholdSet; dir: string } {
  const registry = new MetricRegistry();
  registerBuiltinMetrics(registry);
  const thresholds = createThresholdSet(
    {
      http_req_duration: ['p(95)<500', { threshold: 'avg<100', abortOnFail: true, delayAbortEval: '90s' }],
      'http_req_duration{status:200}': ['max<1000'],
    },
    registry,
  );
  return { registry, thresholds, dir: mkdtempSync(join(tmpdir(), 'inferload-json-')) };
}

const t0 = Date.UTC(2026, 7, 21, 7, 43, 41, 123) + 0.456;
const samples: Sample[] = [
  {
    metric: 'http_req_duration',
    time: t0,
    value: 12.3,
    tags: { url: 'http://x/', status: '200', method: 'GET' },
  },
  { metric: 'http_reqs', time: t0, value: 1, tags: { status: '200' }, metadata: { vu: '1', iter: '0' } },
  { metric: 'http_req_duration', time: t0 + 1000, value: 7, tags: { name: 'q"uote\\\n', 'z key': 'é' } },
];

function parseLines(text: string): Line[] {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Line);
}

describe('JsonOutput', () => {
  it('writes a Metric line before the first Point of each metric', async () => {
    const { registry, thresholds, dir } = setup();
    const path = join(dir, 'out.json');
    const output = JsonOutput.open({ path, registry, thresholds });
    output.addAll(samples);
    await output.close();
    const lines = parseLines(readFileSync(path, 'utf8'));
    assert.deepEqual(
      lines.map((l) => `${l.type}:${l.metric}`),
      [
        'Metric:http_req_duration',
        'Point:http_req_duration',
        'Metric:http_reqs',
        'Point:http_reqs',
        'Point:http_req_duration',
      ],
    );
    assert.deepEqual(lines[0]?.data, {
      name: 'http_req_duration',
      type: 'trend',
      contains: 'time',
      thresholds: ['p(95)<500', { threshold: 'avg<100', abortOnFail: true, delayAbortEval: '1m30s' }],
      submetrics: [
        { name: 'http_req_duration{status:200}', suffix: 'status:200', tags: { status: '200' } },
        {
          name: 'http_req_duration{expected_response:true}',
          suffix: 'expected_response:true',
          tags: { expected_response: 'true' },
        },
      ],
    });
    assert.deepEqual(lines[2]?.data, {
      name: 'http_reqs',
      type: 'counter',
      contains: 'default',
      thresholds: [],
      submetrics: null,
    });
  });

  it('writes Points with value, sorted tags, escaped strings, metadata and an RFC3339 time', async () => {
    const { registry, dir } = setup();
    const path = join(dir, 'points.json');
    const output = JsonOutput.open({ path, registry });
    output.addAll(samples);
    await output.close();
    const text = readFileSync(path, 'utf8');
    const points = parseLines(text).filter((l) => l.type === 'Point');
    assert.equal(points[0]?.data['value'], 12.3);
    assert.deepEqual(Object.keys(points[0]?.data['tags'] as object), ['method', 'status', 'url']);
    assert.deepEqual(points[1]?.data['metadata'], { iter: '0', vu: '1' });
    assert.equal(points[0]?.data['metadata'], undefined);
    assert.deepEqual(points[2]?.data['tags'], { name: 'q"uote\\\n', 'z key': 'é' });
    const time = points[0]?.data['time'] as string;
    assert.match(time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.123456(Z|[+-]\d\d:\d\d)$/);
    assert.equal(new Date(time).getTime(), Math.floor(t0));
    assert.match(
      text.split('\n')[1] ?? '',
      /^\{"metric":"http_req_duration","type":"Point","data":\{"time":/,
    );
  });

  it('drops non-finite values as Go cannot encode them', async () => {
    const { registry, dir } = setup();
    const path = join(dir, 'nan.json');
    const output = JsonOutput.open({ path, registry });
    output.add({ metric: 'vus', time: t0, value: Number.NaN, tags: {} });
    output.add({ metric: 'vus', time: t0, value: 3, tags: {} });
    await output.close();
    const points = parseLines(readFileSync(path, 'utf8')).filter((l) => l.type === 'Point');
    assert.deepEqual(
      points.map((p) => p.data['value']),
      [3],
    );
  });

  it('gzips when the path ends in .gz', async () => {
    const { registry, dir } = setup();
    const path = join(dir, 'out.json.gz');
    const output = JsonOutput.open({ path, registry });
    for (let i = 0; i < 5000; i++)
      output.add({ metric: 'iterations', time: t0 + i, value: 1, tags: { scenario: 'default' } });
    await output.close();
    const lines = parseLines(gunzipSync(readFileSync(path)).toString('utf8'));
    assert.equal(lines.length, 5001);
    assert.equal(lines[0]?.type, 'Metric');
  });

  it('writes to the given stdout stream for "-" and flushes periodically', async () => {
    const { registry } = setup();
    const stdout = new PassThrough();
    let written = '';
    stdout.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
    const output = JsonOutput.open({ path: '-', registry, stdout, flushIntervalMs: 10 });
    assert.equal(output.description, 'json(stdout)');
    output.add(samples[1] as Sample);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(parseLines(written).length, 2, 'flushed by the timer before close');
    await output.close();
    assert.ok(!stdout.writableEnded, 'stdout is not closed');
  });

  it('fails at open for a path that cannot be created', () => {
    const { registry, dir } = setup();
    assert.throws(
      () => JsonOutput.open({ path: join(dir, 'missing', 'out.json'), registry }),
      (error: unknown) => error instanceof UserError && /cannot open JSON output file/.test(error.message),
    );
  });
});
