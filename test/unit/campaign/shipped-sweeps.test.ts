// The example campaigns shipped in config/sweeps/ are valid against the shipped config: each parses, names a
// server and a base preset config/llama.yaml has, and plans cells on a generous host.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/load-config.ts';
import { planCampaign } from '../../../src/campaign/plan-campaign.ts';
import { readSweepSpec } from '../../../src/campaign/read-sweep-spec.ts';
import { projectRoot } from '../../../src/util/paths.ts';

const SWEEPS = join(projectRoot, 'config', 'sweeps');
const names = readdirSync(SWEEPS).filter((name) => name.endsWith('.yaml'));

describe('the shipped sweep specs', () => {
  it('are the documented examples', () => {
    for (const name of ['instance-sweep.yaml', 'quick.yaml', 'vllm-parallel.yaml', 'ollama-parallel.yaml'])
      assert.ok(names.includes(name), `${name} in config/sweeps/`);
  });

  for (const name of names)
    it(`${name} parses and plans against config/llama.yaml`, async () => {
      const config = await loadConfig(join(projectRoot, 'config', 'llama.yaml'));
      const spec = await readSweepSpec(join(SWEEPS, name));
      assert.ok(spec.server !== undefined, `${name} names its server`);
      const server = config.servers.get(spec.server);
      assert.ok(server, `${name}: server ${spec.server} is in config/llama.yaml`);
      const basePreset = spec.basePreset ?? config.activePreset;
      assert.ok(config.presets.has(basePreset), `${name}: base preset ${basePreset}`);
      const plan = planCampaign(spec, 'check', {
        config,
        serverName: spec.server,
        hostName: server.host,
        basePreset,
        host: { memoryBytes: 512 * 1024 ** 3, memoryKind: 'VRAM', cpus: 64 },
        model: { modelBytes: 1024 ** 3, kvBytesPerToken: 128 * 1024, notes: [] },
      });
      assert.ok(plan.cells.length > 0, `${name} plans cells`);
      assert.deepEqual(
        plan.skipped.map((s) => s.reason),
        [],
        `${name}: nothing skipped on a 64-CPU host with 512 GiB`,
      );
    });
});
