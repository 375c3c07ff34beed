import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRange } from '../../../src/campaign/parse-range.ts';
import { buildInstanceSweepSpec } from '../../../src/campaign/instance-sweep-spec.ts';
import {
  bestPerInstances,
  formatInstanceSweepSummary,
  instanceSweepRows,
  renderInstanceSweepCsv,
  topRows,
} from '../../../src/campaign/instance-sweep-table.ts';
import { campaignIdOf } from '../../../src/campaign/campaign-id.ts';
import type { CampaignRecord, CellResult } from '../../../src/campaign/types.ts';
import { projectRoot } from '../../../src/util/paths.ts';

const SPEC = join(projectRoot, 'config', 'sweeps', 'instance-sweep.yaml');
const BASE = readFileSync(SPEC, 'utf8');

describe('parseRange', () => {
  it('reads lists, ranges with a step, ranges by one, and mixes; sorted, each once', () => {
    assert.deepEqual(parseRange('X', '2,4,8'), [2, 4, 8]);
    assert.deepEqual(parseRange('X', '2-16:2'), [2, 4, 6, 8, 10, 12, 14, 16]);
    assert.deepEqual(parseRange('X', '1-4'), [1, 2, 3, 4]);
    assert.deepEqual(parseRange('X', '8, 1, 2-6:4, 2'), [1, 2, 6, 8]);
    assert.deepEqual(parseRange('X', '3-10:4'), [3, 7]);
  });

  it('names the variable, the bad part and the forms it takes', () => {
    assert.throws(
      () => parseRange('LLAMA_INSTANCES_RANGE', '2,x'),
      /^UserError: LLAMA_INSTANCES_RANGE: 'x' is not a whole number or a range in '2,x'; expected a list like 2,4,8 or a range like 2-16:2/,
    );
    assert.throws(() => parseRange('R', '8-2'), /'8-2' ends before it starts/);
    assert.throws(() => parseRange('R', '0-4'), /'0-4' starts below 1/);
    assert.throws(() => parseRange('R', '1-4:0'), /step below 1/);
    assert.throws(() => parseRange('R', '1,,2'), /an empty part/);
  });
});

describe('buildInstanceSweepSpec', () => {
  it("lays the old script's variables over the instance-sweep spec", () => {
    const built = buildInstanceSweepSpec(BASE, SPEC, {
      LLAMA_INSTANCES_RANGE: '2-6:2',
      LLAMA_PARALLEL_RANGE: '1,2',
      LLAMA_CONCURRENCY_RANGE: '4',
      LLAMA_MAX_TOKENS: '48',
      LLAMA_WARMUP_REQUESTS: '0',
      LLAMA_SERVER_BASE_PORT: '9100',
      LLAMA_NGINX_PORT: '9000',
      LLAMA_RESULTS_DIR: '/tmp/out',
    });
    const factor = (name: string): unknown[] | undefined =>
      built.spec.serverFactors.find((f) => f.name === name)?.levels.map((l) => l.value);
    assert.deepEqual(factor('instances'), [2, 4, 6]);
    assert.deepEqual(factor('parallel_slots'), [1, 2]);
    assert.deepEqual(built.spec.loadFactors.find((f) => f.name === 'concurrency')?.values, [4]);
    assert.deepEqual(built.spec.loadFactors.find((f) => f.name === 'max_tokens')?.values, [48]);
    assert.equal(built.spec.warmupRequests, 0);
    assert.equal(built.spec.fixedPreset.instanceBasePort, 9100);
    assert.equal(built.spec.fixedPreset.proxyBalance, 'least_conn', "the file's own settings stay");
    assert.equal(built.serverPort, 9000);
    assert.equal(built.resultsDir, '/tmp/out');
  });

  it('gives the same campaign id for the same variables and another for others', () => {
    const id = (env: Record<string, string>): string => {
      const { spec } = buildInstanceSweepSpec(BASE, SPEC, env);
      return campaignIdOf(spec.name, spec.text, 'local-llama');
    };
    assert.equal(id({ LLAMA_INSTANCES_RANGE: '1,2' }), id({ LLAMA_INSTANCES_RANGE: '1-2' }));
    assert.notEqual(id({ LLAMA_INSTANCES_RANGE: '1,2' }), id({ LLAMA_INSTANCES_RANGE: '1,3' }));
    assert.notEqual(id({ LLAMA_NGINX_PORT: '9000' }), id({ LLAMA_NGINX_PORT: '9001' }));
  });

  it('refuses bad values naming the variable', () => {
    assert.throws(
      () => buildInstanceSweepSpec(BASE, SPEC, { LLAMA_MAX_TOKENS: 'lots' }),
      /LLAMA_MAX_TOKENS: expected a whole number from 1, got 'lots'/,
    );
    assert.throws(
      () => buildInstanceSweepSpec(BASE, SPEC, { LLAMA_NGINX_PORT: '70000' }),
      /LLAMA_NGINX_PORT: expected a port from 1 to 65535/,
    );
    assert.throws(
      () => buildInstanceSweepSpec(BASE, SPEC, { LLAMA_CONCURRENCY_RANGE: '4-' }),
      /LLAMA_CONCURRENCY_RANGE: '4-' is not/,
    );
  });
});

function result(
  id: string,
  instances: number,
  parallel: number,
  concurrency: number,
  tokS: number,
  outcome = 'passed',
): CellResult {
  return {
    cell: {
      id,
      serverIndex: 0,
      server: { instances, parallel_slots: parallel },
      load: { concurrency },
      repetition: 1,
    },
    runId: `run-${id}`,
    outcome,
    metrics: {
      requests: 10,
      failed: id.endsWith('x') ? 3 : 0,
      durationSeconds: 20,
      requestsPerSecond: 0.5,
      outputTokensPerSecond: tokS,
      outputTokens: tokS * 20,
      goodputPerSecond: 0.4,
      ttftP50: 10,
      ttftP95: 20,
      itlP50: 3,
      itlP95: 5,
      e2eP50: 100,
      e2eP95: 200,
      errorsByKind: {},
      proxyErrors: instances === 4 ? 2 : 0,
    },
    startedAt: '2026-12-04T00:00:00Z',
    endedAt: '2026-12-04T00:00:20Z',
  };
}

const RECORD = {
  results: [
    result('a', 1, 2, 4, 100),
    result('b', 2, 2, 4, 180),
    result('c', 2, 4, 8, 260),
    result('d', 4, 2, 8, 300, 'failed'),
    result('e', 4, 4, 8, 240),
    result('f', 1, 4, 8, 120),
    result('g', 2, 2, 8, 200),
  ],
} as CampaignRecord;

describe('the instance sweep table', () => {
  it("writes the old script's seven columns first, then ours", () => {
    const lines = renderInstanceSweepCsv(instanceSweepRows(RECORD)).split('\r\n');
    assert.equal(
      lines[0],
      'instances,parallel,concurrency,throughput,total_tokens,elapsed,errors,ttft_p50_ms,ttft_p95_ms,itl_p50_ms,itl_p95_ms,e2e_p50_ms,e2e_p95_ms,goodput_per_s,nginx_5xx',
    );
    assert.equal(lines[3], '2,4,8,260,5200,20,0,10,20,3,5,100,200,0.4,0');
    assert.equal(lines[5], '4,4,8,240,4800,20,0,10,20,3,5,100,200,0.4,2');
    assert.equal(lines.length, 9, 'a header, 7 rows, and the last CRLF');
  });

  it('ranks the top 5 by throughput without failed runs, and the best per instance count', () => {
    const rows = instanceSweepRows(RECORD);
    assert.deepEqual(
      topRows(rows).map((r) => r.cell),
      ['c', 'e', 'g', 'b', 'f'],
    );
    assert.deepEqual(
      bestPerInstances(rows).map((r) => [r.instances, r.cell]),
      [
        [1, 'f'],
        [2, 'c'],
        [4, 'e'],
      ],
    );
    const text = formatInstanceSweepSummary(rows);
    assert.match(
      text,
      /^top 5 configurations by throughput \(output tokens\/s\):\n {2}1\. instances=2 parallel=4 concurrency=8: 260\.0 tok\/s/,
    );
    assert.match(
      text,
      /best configuration per instance count:\n {2}instances=1 .*\n {2}instances=2 .*\n {2}instances=4 parallel=4 concurrency=8: 240\.0 tok\/s, 4800 tokens in 20\.0 s, errors 0, nginx 5xx 2 \(e\)$/,
    );
  });
});
