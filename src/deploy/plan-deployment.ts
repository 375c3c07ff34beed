// Computes a deployment from the config (nothing is touched yet): the launch, the rendered definition, its
// fingerprint, and what the running server must look like afterwards.
import { dirname } from 'node:path';
import type { HostConfig, InferloadConfig, ResolvedPreset, ServerConfig } from '../config/types.ts';
import { resolvePreset } from '../config/resolve-preset.ts';
import { serverLaunch, type ServerLaunch } from '../config/preset-flags.ts';
import { isGeneratedModel, resolveModelPath } from '../config/model-source.ts';
import { didYouMean } from '../config/did-you-mean.ts';
import { formatKeyAt } from '../config/issues.ts';
import { presetValueSource } from '../config/preset-source.ts';
import type { ContainerSpec } from '../podman/container-spec.ts';
import { parseVolumeMount, type VolumeMount } from '../podman/volume-mount.ts';
import { podmanRunArgs } from '../podman/run-args.ts';
import { renderQuadlet } from '../podman/render-quadlet.ts';
import { UserError } from '../util/errors.ts';
import { fingerprintOf } from './fingerprint.ts';
import { renderTemplate } from './templates.ts';
import type { ExpectedServer } from './verify.ts';
import type { UnitRef } from './unit-runtime.ts';
import { planFleet, type FleetPlan } from './plan-fleet.ts';

export interface DeployPlan {
  server: ServerConfig;
  host: HostConfig;
  preset: ResolvedPreset;
  launch: ServerLaunch;
  /** Container name, quadlet unit name, or the process's label: inferload-<server>. */
  name: string;
  fingerprint: string;
  /** The definition file as it will stand on the host (run.sh, or the quadlet unit). */
  definition: { fileName: string; content: string; mode: number };
  container?: ContainerSpec;
  expected: ExpectedServer;
  /** `file:line:col: key` of the value that set the preset's cpuset, for messages about it. */
  cpusetAt?: string;
  warnings: string[];
  /** How the runtime finds, stops and keeps the state of what this plan starts. */
  unit: UnitRef;
  /** Instances behind nginx: then `definition` is nginx.conf and each instance has a plan of its own. */
  fleet?: FleetPlan;
}

function parseVolume(server: ServerConfig, text: string): VolumeMount {
  const parsed = parseVolumeMount(text);
  // Config check refuses these already; a config built another way still never mounts something else.
  if ('problem' in parsed)
    throw new UserError(`server '${server.name}': volume ${JSON.stringify(text)}: ${parsed.problem}`);
  return parsed.mount;
}

/** The command run.sh execs: under `taskset -c CPUS` when the preset pins, so the process runtime pins too. */
export function processArgv(binary: string, args: readonly string[], cpuset: string | undefined): string[] {
  return cpuset === undefined ? [binary, ...args] : ['taskset', '-c', cpuset, binary, ...args];
}

function pick<T>(map: Map<string, T>, name: string, what: string): T {
  const found = map.get(name);
  if (found === undefined) {
    throw new UserError(
      `unknown ${what} '${name}'${didYouMean(name, map.keys())}; expected one of ${[...map.keys()].join(', ')}`,
    );
  }
  return found;
}

/** Options of planDeployment. */
export interface PlanOptions {
  /** The executable for runtime `process` when the server sets no `binary` (the private install on `local`). */
  defaultBinary?: string;
}

const DEPLOYABLE_KINDS = ['llama.cpp', 'vllm', 'ollama'];
const DEFAULT_BINARIES = { 'llama.cpp': 'llama-server', vllm: 'vllm', ollama: 'ollama', openai: '' } as const;

/** Plans `server` with `presetName` (default: the config's active preset), host overrides applied. */
export function planDeployment(
  config: InferloadConfig,
  serverName: string,
  presetName?: string,
  options: PlanOptions = {},
): DeployPlan {
  const server = pick(config.servers, serverName, 'server');
  if (server.runtime === 'external') {
    throw new UserError(
      `server '${server.name}' has runtime external: inferload sends it load but never deploys it`,
    );
  }
  if (!DEPLOYABLE_KINDS.includes(server.kind)) {
    throw new UserError(
      `server '${server.name}' is kind ${server.kind}: deploying is implemented for ${DEPLOYABLE_KINDS.join(', ')} ` +
        `(an unknown OpenAI-compatible server has no known flags; start it yourself and use runtime external)`,
    );
  }
  const host = pick(config.hosts, server.host, 'host');
  const preset = resolvePreset(config, presetName, host.name);
  const chain = preset.chain.flatMap((p) => config.presets.get(p) ?? []);
  const cpusetSource = presetValueSource(chain, host, 'cpuset');
  const cpusetAt = cpusetSource === undefined ? undefined : formatKeyAt(config, cpusetSource);
  const context: UnitContext = { host, ...(cpusetAt === undefined ? {} : { cpusetAt }), options };
  if (preset.proxy) return planFleet(server, preset, (s, p, key) => planUnit(s, p, context, key));
  return planUnit(server, preset, context, server.name);
}

/** What every unit of one deployment shares. */
interface UnitContext {
  host: HostConfig;
  cpusetAt?: string;
  options: PlanOptions;
}

/** Plans one server process or container: `stateKey` is its folder under ~/.inferload/deploy/. */
function planUnit(
  server: ServerConfig,
  preset: ResolvedPreset,
  { host, cpusetAt, options }: UnitContext,
  stateKey: string,
): DeployPlan {
  const launch = serverLaunch(preset, server);
  const name = `inferload-${server.name}`;
  const expected: ExpectedServer = {
    slots: preset.parallelSlots,
    ctxPerSlot: preset.ctxPerSlot,
    threads: preset.threadsGen,
    ...(preset.cpuset !== undefined ? { cpuset: preset.cpuset } : {}),
    ...(server.kind !== 'llama.cpp' && server.model !== undefined ? { model: server.model } : {}),
  };
  // vLLM's arguments follow `vllm serve` (the vllm-openai image's entrypoint); Ollama takes only `serve`.
  const args = server.kind === 'ollama' ? ['serve', ...launch.args] : launch.args;
  const commandArgs = server.kind === 'vllm' && server.runtime === 'process' ? ['serve', ...args] : args;
  const binary =
    server.runtime === 'process'
      ? (server.binary ?? options.defaultBinary ?? DEFAULT_BINARIES[server.kind])
      : undefined;
  // Process servers pinned before taskset was used ran unpinned: the changed fingerprint restarts them.
  const pinnedBy = server.runtime === 'process' && preset.cpuset !== undefined ? 'taskset' : undefined;
  const fingerprint = fingerprintOf({
    runtime: server.runtime,
    image: server.image,
    binary,
    args: commandArgs,
    env: launch.env,
    cpuset: preset.cpuset,
    pinnedBy,
    volumes: server.volumes,
    // Left out when empty, so servers without them keep the fingerprint they were deployed with.
    devices: server.devices.length > 0 ? server.devices : undefined,
    podmanArgs: server.podmanArgs.length > 0 ? server.podmanArgs : undefined,
  });
  const labels = {
    'io.inferload.server': server.name,
    'io.inferload.preset': preset.name,
    'io.inferload.fingerprint': fingerprint,
  };
  const header = { server: server.name, preset: preset.name, fingerprint };
  // Ollama's command line is only `serve`: its pid file is checked against that (the port is in its env).
  const marker = server.kind === 'ollama' ? 'serve' : `--port ${server.port}`;
  const common = {
    server,
    host,
    preset,
    launch,
    name,
    fingerprint,
    expected,
    ...(cpusetAt === undefined ? {} : { cpusetAt }),
    warnings: launch.warnings,
    unit: { runtime: server.runtime, name, marker, stateKey },
  };

  if (server.runtime === 'process') {
    const content = renderTemplate('process-run.sh', {
      ...header,
      env: launch.env,
      pinned: preset.cpuset !== undefined,
      argv: processArgv(binary ?? DEFAULT_BINARIES[server.kind], commandArgs, preset.cpuset),
    });
    return { ...common, definition: { fileName: 'run.sh', content, mode: 0o755 } };
  }

  if (!server.image) throw new UserError(`server '${server.name}': runtime ${server.runtime} needs an image`);
  const volumes = server.volumes.map((text) => parseVolume(server, text));
  // The generated model lives in this machine's cache: mount its folder at the same path.
  if (server.model !== undefined && isGeneratedModel(server.model)) {
    const dir = dirname(resolveModelPath(server.model));
    volumes.push({ host: dir, container: dir, ro: true });
  }
  const container: ContainerSpec = {
    name,
    image: server.image,
    args: commandArgs,
    env: launch.env,
    ...(preset.cpuset !== undefined ? { cpusetCpus: preset.cpuset } : {}),
    network: 'host',
    volumes,
    ...(server.devices.length > 0 ? { devices: server.devices } : {}),
    ...(server.podmanArgs.length > 0 ? { podmanArgs: server.podmanArgs } : {}),
    labels,
  };
  if (server.runtime === 'quadlet') {
    const content = renderQuadlet(container, {
      description: `${server.kind === 'llama.cpp' ? 'llama-server' : server.kind} ${server.name} (inferload preset ${preset.name})`,
      comments: [`server '${server.name}', preset '${preset.name}', fingerprint ${fingerprint}`],
    });
    return { ...common, definition: { fileName: `${name}.container`, content, mode: 0o644 }, container };
  }
  const content = renderTemplate('podman-run.sh', {
    ...header,
    podmanArgv: podmanRunArgs(container, { replace: true }),
  });
  return { ...common, definition: { fileName: 'run.sh', content, mode: 0o755 }, container };
}
