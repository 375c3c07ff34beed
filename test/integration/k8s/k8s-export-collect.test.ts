// `inferload k8s export` and `k8s collect` around the k6-operator's contract, on this machine: the exported
// TestRun and ConfigMap pass the operator's schema with the bundle byte for byte; the runners the operator would
// start (emulated: its command line, the kubelet's env expansion, the starter's resume; inferload's embedded
// engine as k6) write their JSON outputs to the "claim", and collect merges them exactly into one run whose
// count matches a single generator's; a runner killed mid-run makes the collected run partial, naming it.
// test-lane: alone. An arrival-rate count is compared within 1%: another file loading this 2-core box would
// make the runners drop iterations.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { checkStructuralSchema } from '../../../src/k8s/structural-schema.ts';
import { CONFIGMAP_SCHEMA, TESTRUN_SCHEMA } from '../../../src/k8s/testrun-crd-schema.ts';
import type { DistributedRunInfo } from '../../../src/distributed/types.ts';
import { startSim, type RunningSim } from '../../../src/sim/server.ts';
import { projectRoot } from '../../../src/util/paths.ts';
import { runLikeOperator } from '../../helpers/k6-operator-emulator.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { assertExactMerge, onlyRun } from '../../helpers/split-run.ts';

// Quotes, a newline, a would-be $(reference) and $$: the runner must see it as written.
const HOSTILE = `a "q" 'x' $(INFERLOAD_PART) $$ $HOME \`id\`\nline2`;
const SHAPE = ['--mode', 'rate', '--rate', '12', '--time-scale', '0.05', '--max-tokens', '8'];

describe('k8s export and collect around the k6-operator', { timeout: 600_000 }, () => {
  let sim: RunningSim;
  let work = '';
  let exportDir = '';

  before(async () => {
    sim = await startSim({ slots: 32, decodeMsPerToken: 25, promptTokensPerSecond: 50_000 });
    work = mkdtempSync(join(tmpdir(), 'inferload-k8s-'));
    exportDir = join(work, 'export');
    const result = await runCli(
      [
        'k8s',
        'export',
        '--profile',
        'light',
        '--parallelism',
        '3',
        '--target',
        sim.url,
        '--name',
        'llm-light',
        '--image-sse',
        '--image',
        'registry.example/k6-sse:1',
        '--out',
        exportDir,
        '--env',
        `HOSTILE=${HOSTILE}`,
        ...SHAPE,
      ],
      {},
      120_000,
    );
    assert.equal(result.code, 0, result.stderr);
  });
  after(async () => {
    await sim.close();
  });

  it('writes a TestRun and ConfigMap the schema accepts, the bundle byte-identical to dist/k6/', () => {
    const testRun = parse(readFileSync(join(exportDir, 'testrun.yaml'), 'utf8')) as {
      spec: { parallelism: number; script: { configMap: { name: string; file: string } } };
    };
    const configMap = parse(readFileSync(join(exportDir, 'configmap.yaml'), 'utf8')) as {
      metadata: { name: string };
      data: Record<string, string>;
    };
    assert.deepEqual(checkStructuralSchema(testRun, TESTRUN_SCHEMA), []);
    assert.deepEqual(checkStructuralSchema(configMap, CONFIGMAP_SCHEMA), []);
    assert.equal(testRun.spec.parallelism, 3);
    assert.deepEqual(testRun.spec.script.configMap, { name: configMap.metadata.name, file: 'light.js' });
    const bundle = readFileSync(join(projectRoot, 'dist', 'k6', 'light.js'));
    assert.ok(Buffer.from(configMap.data['light.js'] ?? '', 'utf8').equals(bundle), 'byte-identical bundle');
  });

  it('collect merges the runners exactly: counts within 1% of one generator, percentiles of the raw samples', async () => {
    const claim = join(work, 'claim');
    const run = await runLikeOperator(exportDir, claim);
    assert.deepEqual(run.exits, [0, 0, 0], run.stderr.join('\n'));
    for (const env of run.envs)
      assert.equal(env['HOSTILE'], HOSTILE, 'the value reached the runner as written');
    assert.deepEqual(
      run.envs.map((env) => env['INFERLOAD_PART']),
      ['llm-light-1', 'llm-light-2', 'llm-light-3'],
    );

    const runs = join(work, 'collected');
    const collected = await runCli(
      ['k8s', 'collect', '--export', exportDir, '--from', claim],
      { INFERLOAD_BENCHMARKS: runs },
      120_000,
    );
    assert.equal(collected.code, 0, collected.stderr);
    const saved = onlyRun(runs);
    assert.equal(saved.meta.engine, 'k6-operator');
    assert.equal(saved.meta.partial, false);
    assert.equal(saved.meta.env['HOSTILE'], HOSTILE);
    const info = saved.meta.distributed as DistributedRunInfo;
    assert.deepEqual(
      info.parts.map((p) => [p.name, p.segment, p.failed]),
      [
        ['llm-light-1', '0:1/3', undefined],
        ['llm-light-2', '1/3:2/3', undefined],
        ['llm-light-3', '2/3:1', undefined],
      ],
    );
    assert.equal(info.sequence, '0,1/3,2/3,1');

    const count = Number(saved.summary.metrics['http_reqs']?.['count']);
    assert.equal(
      await assertExactMerge(
        saved,
        info.parts.map((p) => p.name),
      ),
      count,
    );

    const singleRuns = join(work, 'single');
    const single = await runCli(
      ['stress-test', '--target', sim.url, '--engine', 'embedded', '--env', `HOSTILE=${HOSTILE}`, ...SHAPE],
      { INFERLOAD_BENCHMARKS: singleRuns, K6_BIN: '/nonexistent/k6' },
      300_000,
    );
    assert.equal(single.code, 0, single.stderr);
    const one = Number(onlyRun(singleRuns).summary.metrics['http_reqs']?.['count']);
    assert.ok(one > 50, `enough requests to compare: ${one}`);
    assert.ok(Math.abs(count - one) / one <= 0.01, `collected ${count} against single ${one}`);

    const report = await runCli(['report', saved.meta.id], { INFERLOAD_BENCHMARKS: runs }, 120_000);
    assert.equal(report.code, 0, report.stderr);
  });

  it('a runner killed mid-run: the collected run is partial, the survivors kept, the dead part named', async () => {
    const claim = join(work, 'claim-killed');
    const run = await runLikeOperator(exportDir, claim, { kill: { index: 2, afterMs: 6000 } });
    assert.deepEqual([run.exits[0], run.exits[2]], [0, 0], run.stderr.join('\n'));
    assert.notEqual(run.exits[1], 0);
    const runs = join(work, 'collected-killed');
    const collected = await runCli(
      ['k8s', 'collect', '--export', exportDir, '--from', claim],
      { INFERLOAD_BENCHMARKS: runs },
      120_000,
    );
    assert.notEqual(collected.code, 0, 'a partial run does not pass');
    const saved = onlyRun(runs);
    assert.equal(saved.meta.partial, true);
    assert.match(
      saved.meta.reason ?? '',
      /part llm-light-2 .*the run is partial: merged from the 2 of 3 parts that finished, with (nothing from part llm-light-2|the \d+ samples part llm-light-2 wrote before it failed)$/,
    );
    const info = saved.meta.distributed as DistributedRunInfo;
    assert.ok(
      info.parts.every((p) => p.samples > 0),
      JSON.stringify(info.parts),
    );
    assert.ok(Number(saved.summary.metrics['http_reqs']?.['count']) > 0);
  });

  it('collect without any part fails naming the files it expected, and saves nothing', async () => {
    const empty = join(work, 'empty-claim');
    const runs = join(work, 'collected-none');
    const result = await runCli(
      ['k8s', 'collect', '--export', exportDir, '--from', empty],
      { INFERLOAD_BENCHMARKS: runs },
      60_000,
    );
    assert.notEqual(result.code, 0);
    assert.equal(existsSync(runs) ? readdirSync(runs).length : 0, 0, 'no run saved');
    assert.match(
      result.stderr,
      /no part of TestRun llm-light in .*llm-light-1\.json \.\.\. llm-light-3\.json/,
    );
  });
});
