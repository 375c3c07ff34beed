// make capacity against the real local llama-server (the tiny model, 4 slots, 2 threads): it finds a maximum
// sustainable rate the server really finishes, confirms it with diagnose sampling alongside, and judges every
// step from the requests that finished in the step's window. Short steps: the suite shares the 2 cores.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocal } from '../../../src/local/start.ts';
import type { LocalServerState } from '../../../src/local/state.ts';
import { stopLocal } from '../../../src/local/stop.ts';
import type { CapacityRecord } from '../../../src/capacity/types.ts';
import { useTempLocalState } from '../../helpers/temp-state.ts';
import { runCli } from '../../helpers/run-cli.ts';

useTempLocalState();

describe('make capacity against the local llama-server', { timeout: 600_000 }, () => {
  let state: LocalServerState;
  const root = mkdtempSync(join(tmpdir(), 'inferload-capacity-llama-'));
  before(async () => {
    state = (await startLocal({ slots: 4, threads: 2, ctxPerSlot: 512, backend: 'llama-server' })).state;
  });
  after(async () => {
    await stopLocal();
    rmSync(root, { recursive: true, force: true });
  });

  it('finds a rate the server sustains, confirmed, with the verdict at it', async () => {
    const result = await runCli(
      [
        'capacity',
        '--target',
        state.url,
        '--max-tokens',
        '16',
        '--step-seconds',
        '15',
        '--min-seconds',
        '6',
        '--probe-users',
        '8',
        '--max-steps',
        '5',
        '--engine',
        'embedded',
      ],
      { INFERLOAD_BENCHMARKS: root },
      540_000,
    );
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    const [id] = readdirSync(join(root, 'capacity'));
    const record = JSON.parse(
      readFileSync(join(root, 'capacity', id ?? '', 'capacity.json'), 'utf8'),
    ) as CapacityRecord;
    const said = `${result.stdout}\n${result.stderr
      .split('\n')
      .filter((l) => !l.startsWith('running'))
      .join('\n')}`;
    assert.equal(record.partial, false);
    const found = record.maxSustainable;
    assert.ok(found && found.rate > 0, said);
    const probe = record.steps.find((s) => s.kind === 'throughput');
    assert.ok(probe && probe.window.throughput > 0);
    // What the server finishes bounds what it sustains (with room for a noisy probe).
    assert.ok(
      found.rate <= probe.window.throughput * 1.3,
      `${found.rate} vs probe ${probe.window.throughput}`,
    );
    const shown = record.steps.find((s) => s.index === found.step);
    if (shown?.kind === 'confirm') {
      assert.ok(shown.judgement.sustainable);
      assert.ok(shown.window.goodput >= 0.95 * found.rate);
    }
    for (const step of record.steps) {
      assert.ok(step.window.goodput <= step.window.throughput + 1e-9, `step ${step.index}`);
      assert.ok(existsSync(join(root, step.runId, 'summary.json')), `step ${step.index} saved its run`);
    }
    // The verdict comes from diagnose's samples of this machine (a loopback target) during a confirmation.
    const confirm = record.steps.find((s) => s.runId === record.verdict?.runId);
    assert.equal(confirm?.kind, 'confirm', said);
    const sources = readFileSync(join(root, confirm?.runId ?? '', 'diagnostics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { source: string }).source);
    assert.ok(sources.filter((source) => source === 'host').length >= 2, said);
    assert.ok(sources.includes('server'), "the server's /metrics and /slots were sampled");
    assert.match(result.stdout, /^verdict {10}\S/m);
  });
});
