import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseSweepSpec } from '../../../src/campaign/read-sweep-spec.ts';
import { planCells } from '../../../src/campaign/plan-cells.ts';
import { CELL_START_SECONDS, DEPLOY_SECONDS, planCampaign } from '../../../src/campaign/plan-campaign.ts';
import { GiB, TINY_CONFIG, tinyConfig, tinyPlanFacts } from '../../helpers/campaign-plan.ts';

const spec = (factors: string, extra = ''): ReturnType<typeof parseSweepSpec> =>
  parseSweepSpec(
    `server_factors:\n${factors}\nload_factors:\n  concurrency: [1, 4]\nduration: 20s\n${extra}`,
    's.yaml',
  );

describe('planCells', () => {
  it('crosses server factors (first outermost) with load levels and repetitions, with stable ids', () => {
    const s = spec('  parallel_slots: [1, 2]\n  threads_gen: [1, 2]', 'repetitions: 2\n');
    const { servers, cells } = planCells(s);
    assert.deepEqual(
      servers.map((x) => x.factors),
      [
        { parallel_slots: 1, threads_gen: 1 },
        { parallel_slots: 1, threads_gen: 2 },
        { parallel_slots: 2, threads_gen: 1 },
        { parallel_slots: 2, threads_gen: 2 },
      ],
    );
    assert.deepEqual(servers[2]?.preset, { parallelSlots: 2, threadsGen: 1 });
    assert.equal(cells.length, 16);
    assert.deepEqual(
      cells.slice(0, 4).map((c) => c.id),
      ['s00-l00-r1', 's00-l00-r2', 's00-l01-r1', 's00-l01-r2'],
    );
    assert.deepEqual(cells[5], {
      id: 's01-l00-r2',
      serverIndex: 1,
      server: { parallel_slots: 1, threads_gen: 2 },
      load: { concurrency: 1 },
      repetition: 2,
    });
    assert.deepEqual(planCells(s).cells, cells, 'the same spec plans the same ids');
  });
});

describe('planCampaign', () => {
  it('skips a configuration whose memory estimate exceeds the host, saying how much and why', () => {
    // 4 GiB model + 128 KiB x 1024 tokens x slots + 256 MiB: 8 slots = 5.25 GiB, 64 slots = 12.25 GiB per instance.
    const plan = planCampaign(spec('  parallel_slots: [8, 64]\n  instances: [1, 2]'), 'c-1', tinyPlanFacts());
    assert.deepEqual(
      plan.servers.map((s) => s.skip === undefined),
      [true, true, true, false],
    );
    assert.match(
      plan.servers[3]?.skip ?? '',
      /^needs about 24\.50 GiB \(2 x 12\.25 GiB: model 4\.00 GiB \+ KV cache 64 slots x 1024 tokens \+ overhead\), the host has 16\.00 GiB of RAM$/,
    );
    assert.deepEqual(
      plan.skipped.map((s) => s.cell.id),
      ['s03-l00-r1', 's03-l01-r1'],
    );
    assert.equal(plan.cells.length, 8);
    assert.equal(plan.estimatedSeconds, 6 * (20 + CELL_START_SECONDS) + 3 * DEPLOY_SECONDS);
  });

  it('skips threads beyond the share of the cpuset each instance gets', () => {
    const plan = planCampaign(
      spec('  instances: [1, 2]', 'proxy:\n  balance: round_robin\n'),
      'c-2',
      tinyPlanFacts({
        config: tinyConfig(
          TINY_CONFIG.replace(
            'ctx_per_slot: 1024',
            'ctx_per_slot: 1024\n    cpuset: "0-2"\n    threads_batch: 2',
          ),
        ),
        model: { modelBytes: 0, kvBytesPerToken: 1, notes: [] },
      }),
    );
    assert.equal(plan.servers[0]?.skip, undefined);
    assert.equal(
      plan.servers[1]?.skip,
      '2 threads per instance exceed its share of the cpuset (1 of 3 CPUs for 2 instances)',
    );
  });

  it('counts threads only for llama.cpp: vLLM takes none from the preset', () => {
    const text = TINY_CONFIG.replace('threads_gen: 2', 'threads_gen: 12');
    const llama = planCampaign(
      spec('  parallel_slots: [2]'),
      'c-t',
      tinyPlanFacts({ config: tinyConfig(text) }),
    );
    assert.equal(llama.servers[0]?.skip, "12 threads per instance exceed the host's 8 CPUs");
    const vllm = tinyConfig(
      text
        .replace('kind: llama.cpp', 'kind: vllm')
        .replace('model: generated:tiny', 'model: Qwen/Qwen3-0.6B'),
    );
    const plan = planCampaign(spec('  tensor_parallel: [1, 2]'), 'c-v', tinyPlanFacts({ config: vllm }));
    assert.deepEqual(
      plan.servers.map((s) => s.skip),
      [undefined, undefined],
    );
  });

  it('checks VRAM when the host has a GPU, and nothing for a server it does not deploy', () => {
    const gpu = tinyPlanFacts({ host: { memoryBytes: 5 * GiB, memoryKind: 'VRAM', cpus: 8 } });
    assert.match(planCampaign(spec('  parallel_slots: [8]'), 'c-3', gpu).servers[0]?.skip ?? '', /of VRAM$/);
    assert.equal(
      planCampaign(spec('  parallel_slots: [8]'), 'c-3', { ...gpu, checkFit: false }).skipped.length,
      0,
    );
  });

  it('adds each server cell as a preset extending the base, leaving the loaded config alone', () => {
    const f = tinyPlanFacts();
    const plan = planCampaign(spec('  max_num_seqs: [3]'), 'quick-abc', f);
    const server = plan.servers[0];
    assert.equal(server?.presetName, 'quick-abc-s00');
    assert.deepEqual(server?.config.presets.get('quick-abc-s00'), {
      name: 'quick-abc-s00',
      extends: 'base',
      description: "a campaign's server cell",
      values: { parallelSlots: 3 },
    });
    assert.equal(f.config.presets.has('quick-abc-s00'), false);
  });
});
