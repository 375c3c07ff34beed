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

/** Plans `server` with `presetName` (default: the config's active preset), host overrides applied. */
export interface PlanOptions {
  /** The executable for runtime `process` when the server sets no `binary` (the private install on `local`). */
  defaultBinary?: string;
}

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
  if (server.kind !== 'llama.cpp') {
    throw new UserError(
      `server '${server.name}' is kind ${server.kind}: deploying is implemented for llama.cpp (presets map to ` +
        `${server.kind} flags, shown by 'inferload config show')`,
    );
  }
  const host = pick(config.hosts, server.host, 'host');
  const preset = resolvePreset(config, presetName, host.name);
  const launch = serverLaunch(preset, server);
  const name = `inferload-${server.name}`;
  const expected: ExpectedServer = {
    slots: preset.parallelSlots,
    ctxPerSlot: preset.ctxPerSlot,
    threads: preset.threadsGen,
    ...(preset.cpuset !== undefined ? { cpuset: preset.cpuset } : {}),
  };
  const chain = preset.chain.flatMap((p) => config.presets.get(p) ?? []);
  const cpusetSource = presetValueSource(chain, host, 'cpuset');
  const cpusetAt = cpusetSource === undefined ? undefined : formatKeyAt(config, cpusetSource);
  const binary =
    server.runtime === 'process' ? (server.binary ?? options.defaultBinary ?? 'llama-server') : undefined;
  // Process servers pinned before taskset was used ran unpinned: the changed fingerprint restarts them.
  const pinnedBy = server.runtime === 'process' && preset.cpuset !== undefined ? 'taskset' : undefined;
  const fingerprint = fingerprintOf({
    runtime: server.runtime,
    image: server.image,
    binary,
    args: launch.args,
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

  if (server.runtime === 'process') {
    const content = renderTemplate('process-run.sh', {
      ...header,
      env: launch.env,
      pinned: preset.cpuset !== undefined,
      argv: processArgv(binary ?? 'llama-server', launch.args, preset.cpuset),
    });
    return {
      server,
      host,
      preset,
      launch,
      name,
      fingerprint,
      definition: { fileName: 'run.sh', content, mode: 0o755 },
      expected,
      ...(cpusetAt === undefined ? {} : { cpusetAt }),
      warnings: launch.warnings,
    };
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
    args: launch.args,
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
      description: `llama-server ${server.name} (inferload preset ${preset.name})`,
      comments: [`server '${server.name}', preset '${preset.name}', fingerprint ${fingerprint}`],
    });
    return {
      server,
      host,
      preset,
      launch,
      name,
      fingerprint,
      definition: { fileName: `${name}.container`, content, mode: 0o644 },
      container,
      expected,
      ...(cpusetAt === undefined ? {} : { cpusetAt }),
      warnings: launch.warnings,
    };
  }
  const content = renderTemplate('podman-run.sh', {
    ...header,
    podmanArgv: podmanRunArgs(container, { replace: true }),
  });
  return {
    server,
    host,
    preset,
    launch,
    name,
    fingerprint,
    definition: { fileName: 'run.sh', content, mode: 0o755 },
    container,
    expected,
    ...(cpusetAt === undefined ? {} : { cpusetAt }),
    warnings: launch.warnings,
  };
}
