// A tiny config and plan facts for planning campaigns in unit tests: one local llama.cpp server (`tiny`) and a
// base preset, on a host with 16 GiB of RAM and 8 CPUs; the model's size and KV cache are the test's choice.
import assert from 'node:assert/strict';
import { validateConfigText } from '../../src/config/schema.ts';
import type { InferloadConfig } from '../../src/config/types.ts';
import type { PlanFacts } from '../../src/campaign/plan-campaign.ts';

export const TINY_CONFIG = `active_preset: base
hosts:
  local: {}
servers:
  tiny:
    host: local
    kind: llama.cpp
    runtime: process
    model: generated:tiny
    port: 8080
presets:
  base:
    parallel_slots: 2
    threads_gen: 2
    ctx_per_slot: 1024
`;

export const GiB = 1024 ** 3;

/** The config `text` validated (default TINY_CONFIG); fails the test on any error. */
export function tinyConfig(text = TINY_CONFIG): InferloadConfig {
  const result = validateConfigText(text, 'llama.yaml');
  assert.ok(result.config, JSON.stringify(result.errors));
  return result.config;
}

/** Facts for planning against `tiny` with the base preset. */
export function tinyPlanFacts(overrides: Partial<PlanFacts> = {}): PlanFacts {
  return {
    config: tinyConfig(),
    serverName: 'tiny',
    hostName: 'local',
    basePreset: 'base',
    host: { memoryBytes: 16 * GiB, memoryKind: 'RAM', cpus: 8 },
    model: { modelBytes: 4 * GiB, kvBytesPerToken: 128 * 1024, notes: [] },
    ...overrides,
  };
}
