// `inferload tune` end to end against the real llama-server (the private install, the generated tiny model),
// deployed by deploy under runtime `process`: 4 configurations (parallel slots 1, 2, 4, 8) at 4 users, rungs of
// 4 s and 8 s cells. Every cell is a saved, tagged run; tune.json and tune.html are written; the winner lands in
// the config file as preset `tuned`, which deploy then renders in a dry run.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../helpers/run-cli.ts';
import { hasChromium, openInChromium } from '../../helpers/chromium.ts';
import { readCharts } from '../../helpers/report-page.ts';
import { findFreePort } from '../../../src/local/free-port.ts';
import {
  openLocalLlamaWorkspace,
  stopLocalDeploy,
  tinyServerYaml,
} from '../../helpers/local-llama-workspace.ts';
import type { TuneRecord } from '../../../src/tune/types.ts';

function writeFixture(dir: string, port: number): { config: string; spec: string } {
  const config = join(dir, 'llama.yaml');
  writeFileSync(config, tinyServerYaml(port));
  const spec = join(dir, 'slots.yaml');
  writeFileSync(
    spec,
    `server: tiny
base_preset: base
server_factors:
  parallel_slots: [1, 2, 4, 8]
load_factors:
  concurrency: [4]
  max_tokens: [16]
duration: 8s
warmup_requests: 1
objective: ttft_p95=5s,errors=1%
`,
  );
  return { config, spec };
}

describe('tune against the real local llama-server', { timeout: 300_000 }, () => {
  let work: string;
  let fx: ReturnType<typeof writeFixture>;
  let env: Record<string, string>;
  before(async () => {
    const workspace = await openLocalLlamaWorkspace('inferload-tune-');
    work = workspace.work;
    fx = writeFixture(work, await findFreePort());
    env = { ...workspace.env, INFERLOAD_OBJECTIVE: '' };
  });
  after(() => stopLocalDeploy(work));

  it('plans without changing anything in a dry run', async () => {
    const args = [
      'tune',
      '--spec',
      fx.spec,
      '--config',
      fx.config,
      '--dry-run',
      '--eta',
      '2',
      '--rungs',
      '2',
    ];
    const result = await runCli([...args, '--min-seconds', '2', '--max-load', '100%'], env);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /configurations: 4 to search; 1 load level\(s\) each/);
    assert.match(result.stdout, /rungs: 4 x 4\.0 s, then up to 2 x 8\.0 s/);
    assert.match(result.stdout, /load budget: 0m32s = 100% of the exhaustive sweep's 0m32s/);
    assert.ok(!existsSync(join(work, 'benchmarks')), 'no folder made');
  });

  it('searches, saves every cell and decision, writes the winner as a preset deploy renders', async () => {
    const before = readFileSync(fx.config, 'utf8');
    const args = ['tune', '--spec', fx.spec, '--config', fx.config, '--engine', 'embedded', '--eta', '2'];
    const result = await runCli(
      [...args, '--rungs', '2', '--min-seconds', '2', '--max-load', '100%'],
      env,
      240_000,
    );
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    // Each decision is said as it is taken.
    assert.match(
      result.stderr,
      /^tune \dm\d\ds: tried rung 0 \(4\.00 s cells\): c00 parallel_slots=1: goodput /m,
    );
    assert.match(result.stderr, /^tune \dm\d\ds: promoted c0\d to rung 1/m);
    assert.match(result.stderr, /^tune \dm\d\ds: stopped /m);
    assert.match(result.stdout, /^best {7}parallel_slots=\d: goodput [\d.]+ req\/s in a full cell/m);
    assert.match(result.stdout, /^runner-up {2}parallel_slots=\d: goodput /m);
    assert.match(
      result.stdout,
      /^load used {2}\dm\d\ds in \d+ cells = \d+% of the exhaustive sweep's 0m32s/m,
    );

    const tunes = join(work, 'benchmarks', 'tunes');
    const [id] = readdirSync(tunes);
    const dir = join(tunes, id ?? '');
    const record = JSON.parse(readFileSync(join(dir, 'tune.json'), 'utf8')) as TuneRecord;
    assert.equal(record.partial, false);
    const { result: tuned } = record;
    assert.deepEqual(
      tuned.trials.filter((t) => t.rung === 0).map((t) => t.candidate),
      [0, 1, 2, 3].filter((i) => tuned.trials.some((t) => t.rung === 0 && t.candidate === i)),
    );
    assert.equal(tuned.trials.filter((t) => t.rung === 0).length, 4);
    assert.ok(tuned.trials.filter((t) => t.rung === 1).length >= 2);
    assert.ok(tuned.loadSeconds <= tuned.exhaustiveSeconds + 1e-9);
    for (const trial of tuned.trials) {
      assert.equal(trial.runIds.length, 1);
      const meta = JSON.parse(
        readFileSync(join(work, 'benchmarks', trial.runIds[0] ?? '', 'meta.json'), 'utf8'),
      ) as { tune?: { id: string; configuration: number; rung: number } };
      assert.deepEqual(
        { id: meta.tune?.id, configuration: meta.tune?.configuration, rung: meta.tune?.rung },
        { id: record.id, configuration: trial.candidate, rung: trial.rung },
      );
    }
    // Someone served: the winner has goodput, and it is the one the config now holds.
    const best = tuned.candidates.find((c) => c.index === tuned.best);
    assert.ok(best);
    assert.ok(tuned.trials.some((t) => t.candidate === best.index && t.rung === 1 && t.score > 0));
    const after = readFileSync(fx.config, 'utf8');
    assert.ok(after.startsWith(before.trimEnd()), 'every line of the config is kept');
    assert.match(after, /\n {2}# Written by `make tune SPEC=.*slots\.yaml` on \d{4}-\d\d-\d\d \(tuning /);
    assert.match(
      after,
      new RegExp(
        `\\n {2}tuned:\\n {4}extends: base\\n(.*\\n)* {4}parallel_slots: ${String(best.factors['parallel_slots'])}\\n`,
      ),
    );

    const dry = await runCli(
      ['deploy', '--config', fx.config, '--server', 'tiny', '--preset', 'tuned', '--dry-run'],
      env,
      60_000,
    );
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, new RegExp(`--parallel ${String(best.factors['parallel_slots'])}\\b`));
    assert.match(dry.stdout, /dry run: nothing changed/);

    if (!hasChromium()) return;
    const page = await openInChromium(join(dir, 'tune.html'));
    try {
      const charts = await readCharts(page.page);
      assert.deepEqual(
        charts.map((c) => c.id),
        ['tune-model', 'tune-measured', 'tune-course'],
      );
      const decisions = await page.page.$$eval('[data-decision]', (nodes) => nodes.length);
      assert.equal(decisions, tuned.decisions.length);
      const cells = await page.page.$$eval('[data-trial]', (nodes) => nodes.length);
      assert.equal(cells, tuned.trials.length);
      assert.deepEqual([page.consoleErrors, page.requests], [[], []]);
    } finally {
      await page.close();
    }
  });
});
