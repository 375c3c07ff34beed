// A preset's final values: its `extends` chain (root first), then the host's `all` and per-preset overrides.
import { UserError } from '../util/errors.ts';
import { countCpus } from './cpuset.ts';
import { didYouMean } from './did-you-mean.ts';
import { fileKeyOf, REQUIRED_PRESET_KEYS } from './preset-keys.ts';
import { ALL_PRESETS } from './schema-host.ts';
import type { InferloadConfig, PresetConfig, PresetKey, PresetValues, ResolvedPreset } from './types.ts';

const DEFAULT_BATCH_SIZE = 2048;
const DEFAULT_UBATCH_SIZE = 512;
const QUANTIZED = /^(q|iq)/;
// Off by default: llama-server's HTTP server closes a reused upstream connection now and then when streaming
// clients hang up at [DONE] (as xk6-sse and the engine do), nginx answers that request with a 502 and marks
// the instance down for 10 s, so one race turns into thousands of proxy_502. Measured here: with keepalive 32,
// 99% of a light run failed through 2 instances; without, none (docs/deploy.md).
const DEFAULT_PROXY_KEEPALIVE = 0;
const DEFAULT_PROXY_CONNECT_TIMEOUT = 5;
// A long generation streams tokens well within this; a stalled instance is cut off after it.
const DEFAULT_PROXY_READ_TIMEOUT = 600;

export type ChainResult =
  { ok: true; chain: PresetConfig[] } | { ok: false; problem: string; culprit: string };

/** The presets from the root ancestor down to `name`, or the unknown parent or cycle that breaks the chain. */
export function presetChain(presets: Map<string, PresetConfig>, name: string): ChainResult {
  const visited: PresetConfig[] = [];
  let current = presets.get(name);
  if (current === undefined) return { ok: false, problem: unknownPreset(presets, name), culprit: name };
  while (current !== undefined) {
    if (visited.includes(current)) return describeCycle(visited.slice(visited.indexOf(current)));
    visited.push(current);
    if (current.extends === undefined) break;
    const parent = presets.get(current.extends);
    if (parent === undefined) {
      const problem = `extends unknown preset '${current.extends}'${didYouMean(current.extends, presets.keys())}`;
      return {
        ok: false,
        problem: `${problem}; expected one of ${[...presets.keys()].join(', ')}`,
        culprit: current.name,
      };
    }
    current = parent;
  }
  return { ok: true, chain: visited.reverse() };
}

/** Names the cycle the same way whichever member it was reached from, so it is reported once. */
function describeCycle(members: PresetConfig[]): ChainResult {
  const names = members.map((p) => p.name);
  const start = names.indexOf([...names].sort()[0] ?? '');
  const rotated = [...names.slice(start), ...names.slice(0, start)];
  const loop = [...rotated, rotated[0]].join(' -> ');
  return { ok: false, problem: `extends forms a cycle: ${loop}`, culprit: rotated.at(-1) ?? '' };
}

/** Resolves `presetName` (the active preset when undefined) for `hostName` (no overrides when undefined). */
export function resolvePreset(
  config: InferloadConfig,
  presetName: string | undefined,
  hostName: string | undefined,
): ResolvedPreset {
  const name = presetName ?? config.activePreset;
  const result = presetChain(config.presets, name);
  if (!result.ok) throw new UserError(`preset '${result.culprit}': ${result.problem}`);
  let overrides: PresetValues[] = [];
  if (hostName !== undefined) {
    const host = config.hosts.get(hostName);
    if (host === undefined) {
      throw new UserError(
        `unknown host '${hostName}'${didYouMean(hostName, config.hosts.keys())}; expected one of ${[...config.hosts.keys()].join(', ')}`,
      );
    }
    overrides = [host.presetOverrides.get(ALL_PRESETS), host.presetOverrides.get(name)].filter(
      (v): v is PresetValues => v !== undefined,
    );
  }
  const resolved = finishPreset(result.chain, overrides, hostName);
  if ('missing' in resolved) {
    throw new UserError(
      `preset '${name}': ${resolved.missing.map(fileKeyOf).join(', ')} not set (directly or through extends)`,
    );
  }
  return resolved;
}

/** Merges the chain and overrides, fills defaults, or names the required keys still missing. */
export function finishPreset(
  chain: PresetConfig[],
  overrides: PresetValues[],
  host: string | undefined,
): ResolvedPreset | { missing: PresetKey[] } {
  const leaf = chain.at(-1);
  const values: PresetValues = Object.assign({}, ...chain.map((p) => p.values), ...overrides) as PresetValues;
  const missing = REQUIRED_PRESET_KEYS.filter((key) => values[key] === undefined);
  const { parallelSlots, threadsGen, ctxPerSlot } = values;
  if (
    leaf === undefined ||
    parallelSlots === undefined ||
    threadsGen === undefined ||
    ctxPerSlot === undefined
  ) {
    return { missing };
  }
  const description = [...chain].reverse().find((p) => p.description !== undefined)?.description;
  const resolved: ResolvedPreset = {
    ...values,
    name: leaf.name,
    ...(description === undefined ? {} : { description }),
    chain: chain.map((p) => p.name),
    ...(host === undefined ? {} : { host }),
    parallelSlots,
    threadsGen,
    threadsBatch: values.threadsBatch ?? threadsGen,
    batchSize: values.batchSize ?? DEFAULT_BATCH_SIZE,
    ubatchSize: values.ubatchSize ?? DEFAULT_UBATCH_SIZE,
    ctxPerSlot,
    ctxSize: ctxPerSlot * parallelSlots,
    contBatching: values.contBatching ?? true,
    extraArgs: values.extraArgs ?? [],
    instances: values.instances ?? 1,
    proxy: (values.instances ?? 1) > 1 || (values.proxy ?? false),
    proxyBalance: values.proxyBalance ?? 'round_robin',
    proxyKeepalive: values.proxyKeepalive ?? DEFAULT_PROXY_KEEPALIVE,
    proxyConnectTimeout: values.proxyConnectTimeout ?? DEFAULT_PROXY_CONNECT_TIMEOUT,
    proxyReadTimeout: values.proxyReadTimeout ?? DEFAULT_PROXY_READ_TIMEOUT,
    proxyRetry: values.proxyRetry ?? true,
    setKeys: (Object.keys(values) as PresetKey[]).filter((key) => values[key] !== undefined),
    warnings: [],
  };
  resolved.warnings = checkPreset(resolved);
  if (values.proxy === false && resolved.instances > 1) {
    resolved.warnings.push(
      `proxy: false with instances ${resolved.instances}; the instances need nginx in front, so it stays`,
    );
  }
  return resolved;
}

/** Doubts that hold whatever the server kind. */
function checkPreset(p: ResolvedPreset): string[] {
  const warnings: string[] = [];
  if (p.ubatchSize > p.batchSize) {
    warnings.push(
      `ubatch_size ${p.ubatchSize} is above batch_size ${p.batchSize}; llama.cpp caps it at batch_size`,
    );
  }
  if (p.cpuset !== undefined) {
    // With instances, each gets its share of the cpuset: the threads must fit the smallest share.
    const cpus = Math.floor(countCpus(p.cpuset) / p.instances);
    const of = p.instances > 1 ? `each instance's share (of ${p.instances}) of cpuset` : 'cpuset';
    if (cpus === 0)
      warnings.push(`cpuset ${p.cpuset} has fewer CPUs than the ${p.instances} instances; deploy refuses it`);
    else {
      if (p.threadsGen > cpus)
        warnings.push(`threads_gen ${p.threadsGen} exceeds the ${cpus} CPUs of ${of} ${p.cpuset}`);
      if (p.threadsBatch > cpus)
        warnings.push(`threads_batch ${p.threadsBatch} exceeds the ${cpus} CPUs of ${of} ${p.cpuset}`);
    }
  }
  const quantized = [p.cacheTypeK, p.cacheTypeV].some((t) => t !== undefined && QUANTIZED.test(t));
  if (p.cacheTypeV !== undefined && QUANTIZED.test(p.cacheTypeV) && p.flashAttn === 'off') {
    warnings.push(`cache_type_v ${p.cacheTypeV} needs flash attention, but flash_attn is off`);
  } else if (quantized && p.flashAttn === undefined) {
    warnings.push(
      'a quantized KV cache works only with flash attention; set flash_attn: on to be sure it is used',
    );
  }
  return warnings;
}

function unknownPreset(presets: Map<string, PresetConfig>, name: string): string {
  return `unknown preset '${name}'${didYouMean(name, presets.keys())}; expected one of ${[...presets.keys()].join(', ')}`;
}
