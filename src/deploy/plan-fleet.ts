// Plans a server as N instances on consecutive ports behind nginx on the server's own port.
import { splitCpuset } from '../config/cpuset-shares.ts';
import type { ResolvedPreset, ServerConfig } from '../config/types.ts';
import { UserError } from '../util/errors.ts';
import { fingerprintOf } from './fingerprint.ts';
import type { DeployPlan } from './plan-deployment.ts';
import { renderNginxConf, renderNginxRun, type NginxSpec } from './render-nginx.ts';

/** The instances' own plans and the proxy in front of them. */
export interface FleetPlan {
  instances: DeployPlan[];
  proxy: { spec: NginxSpec; conf: string; run: string; fingerprint: string };
}

/** Plans one instance: its server (port, URLs), its preset (cpuset share) and its state folder. */
export type PlanInstance = (server: ServerConfig, preset: ResolvedPreset, stateKey: string) => DeployPlan;

/** The address nginx connects to for an instance bound to `listen` (a wildcard is reached on loopback). */
export function upstreamHost(listen: string): string {
  if (listen === '0.0.0.0') return '127.0.0.1';
  if (listen === '::' || listen === '[::]') return '[::1]';
  return listen.includes(':') && !listen.startsWith('[') ? `[${listen}]` : listen;
}

/** `url` with its port replaced (an instance's base and health URLs from the server's). */
function withPort(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.port = String(port);
  return parsed.toString().replace(/\/$/, url.endsWith('/') ? '/' : '');
}

/** The instances' ports: from instance_base_port (default the server's port + 1), never the server's own. */
export function instancePorts(server: ServerConfig, preset: ResolvedPreset): number[] {
  const base = preset.instanceBasePort ?? server.port + 1;
  const ports = Array.from({ length: preset.instances }, (_, i) => base + i);
  const last = ports.at(-1) ?? base;
  if (last > 65535) {
    throw new UserError(
      `server '${server.name}': instances ${preset.instances} from instance_base_port ${base} run past port 65535; expected a lower instance_base_port`,
    );
  }
  if (ports.includes(server.port)) {
    throw new UserError(
      `server '${server.name}': port ${server.port} is where nginx listens, but instances ${preset.instances} from instance_base_port ${base} use ${base}-${last}; expected instance_base_port above ${server.port} or below ${server.port - preset.instances + 1}`,
    );
  }
  return ports;
}

/** The fleet's plan: the instances planned by `planInstance`, nginx.conf as the plan's definition. */
export function planFleet(
  server: ServerConfig,
  preset: ResolvedPreset,
  planInstance: PlanInstance,
): DeployPlan {
  const ports = instancePorts(server, preset);
  let shares: (string | undefined)[] = ports.map(() => undefined);
  if (preset.cpuset !== undefined) {
    try {
      shares = splitCpuset(preset.cpuset, ports.length);
    } catch (error) {
      throw new UserError(`server '${server.name}', preset '${preset.name}': ${(error as Error).message}`);
    }
  }
  const instances = ports.map((port, i) => {
    const share = shares[i];
    const instanceServer: ServerConfig = {
      ...server,
      name: `${server.name}-${i + 1}`,
      port,
      baseUrl: withPort(server.baseUrl, port),
      healthUrl: withPort(server.healthUrl, port),
    };
    const instancePreset: ResolvedPreset = { ...preset, cpuset: share };
    return planInstance(instanceServer, instancePreset, `${server.name}/instance-${i + 1}`);
  });
  const spec: NginxSpec = {
    server: server.name,
    listen: `${upstreamListen(server.listenAddress)}:${server.port}`,
    upstreams: ports.map((port) => `${upstreamHost(server.listenAddress)}:${port}`),
    balance: preset.proxyBalance,
    keepalive: preset.proxyKeepalive,
    connectTimeoutSeconds: preset.proxyConnectTimeout,
    readTimeoutSeconds: preset.proxyReadTimeout,
    retry: preset.proxyRetry,
  };
  const binary = server.proxyBinary ?? 'nginx';
  const proxyFingerprint = fingerprintOf({ spec, binary });
  const conf = renderNginxConf(spec, proxyFingerprint);
  const run = renderNginxRun(server.name, binary, proxyFingerprint);
  const first = instances[0];
  if (first === undefined) throw new UserError(`server '${server.name}': instances must be at least 1`);
  const name = `inferload-${server.name}-proxy`;
  return {
    server,
    host: first.host,
    preset,
    launch: first.launch,
    expected: first.expected,
    ...(first.cpusetAt === undefined ? {} : { cpusetAt: first.cpusetAt }),
    name,
    fingerprint: fingerprintOf({ instances: instances.map((p) => p.fingerprint), proxy: proxyFingerprint }),
    definition: { fileName: 'nginx.conf', content: conf, mode: 0o644 },
    warnings: [...new Set(instances.flatMap((p) => p.warnings))],
    // nginx's master process shows its prefix on its command line: the pid check looks for it.
    unit: {
      runtime: 'process',
      name,
      marker: `/.inferload/deploy/${server.name}/proxy/`,
      stateKey: `${server.name}/proxy`,
    },
    fleet: { instances, proxy: { spec, conf, run, fingerprint: proxyFingerprint } },
  };
}

/** nginx's listen parameter: IPv6 in brackets. */
function upstreamListen(listen: string): string {
  return listen.includes(':') && !listen.startsWith('[') ? `[${listen}]` : listen;
}
