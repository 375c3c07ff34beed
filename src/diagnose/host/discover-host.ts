// What the server's host has to sample: GPU tools, sensors, CPUs, and the server process's cgroup and cpuset.
import type { RemoteSession } from '../../remote/session.ts';
import { parseCpuList } from './cpu-list.ts';
import { cpuStatPath } from './cgroup-cpu.ts';
import { parseAllowedCpus } from './process-stat.ts';
import { splitGrepLines } from './host-frame.ts';
import { DISCOVERY_SCRIPT } from './sampler-scripts.ts';

export interface HostDiscovery {
  tools: Set<string>;
  onlineCpus: number[];
  /** DRM card numbers with vendor 0x1002 (amdgpu), and each card's hwmon folder if any. */
  amdgpuCards: number[];
  amdgpuHwmon: Map<number, string>;
  /** Temperature inputs with a name for each (thermal zone type, or hwmon name/label). */
  temperatures: { path: string; sensor: string }[];
  cpufreqFiles: Map<number, string>;
  throttleCountFiles: string[];
  /** Physical cores (distinct thread_siblings_list) among the given CPUs. */
  physicalCores(cpus: readonly number[]): number;
  /** The server process's cpuset (Cpus_allowed_list) and its cgroup's cpu.stat, when a pid was given. */
  processCpus?: number[];
  cpuStatFile?: string;
}

/** Runs the discovery script once on the host (pid: the server's, when known). */
export async function discoverHost(session: RemoteSession, pid?: number): Promise<HostDiscovery> {
  const result = await session.exec(
    ['sh', '-c', DISCOVERY_SCRIPT, 'inferload-discover', pid ? String(pid) : ''],
    {
      timeoutMs: 15_000,
    },
  );
  if (result.code !== 0)
    throw new Error(`host discovery failed (exit ${result.code}): ${result.stderr.trim()}`);
  return parseDiscovery(result.stdout, pid);
}

/** Parses the discovery script's output. */
export function parseDiscovery(stdout: string, pid?: number): HostDiscovery {
  const lines = stdout.split('\n');
  const tools = new Set(lines.filter((l) => l.startsWith('tool ')).map((l) => l.slice(5).trim()));
  const present = lines.filter((l) => l.startsWith('file ')).map((l) => l.slice(5).trim());
  const files = splitGrepLines(lines.filter((l) => l.startsWith('/')));
  const first = (path: string): string | undefined => files.get(path)?.[0]?.trim();

  const onlineText = first('/sys/devices/system/cpu/online');
  const onlineCpus = onlineText ? parseCpuList(onlineText) : [];
  const amdgpuCards: number[] = [];
  const amdgpuHwmon = new Map<number, string>();
  const siblings = new Map<number, string>();
  for (const [path, content] of files) {
    const card = /^\/sys\/class\/drm\/card(\d+)\/device\/vendor$/.exec(path);
    if (card && content[0]?.trim().toLowerCase() === '0x1002') amdgpuCards.push(Number(card[1]));
    const cpu = /^\/sys\/devices\/system\/cpu\/cpu(\d+)\/topology\/thread_siblings_list$/.exec(path);
    if (cpu && content[0]) siblings.set(Number(cpu[1]), content[0].trim());
  }
  amdgpuCards.sort((a, b) => a - b);

  const temperatures: HostDiscovery['temperatures'] = [];
  const cpufreqFiles = new Map<number, string>();
  const throttleCountFiles: string[] = [];
  for (const path of present) {
    const zone = /^(\/sys\/class\/thermal\/thermal_zone\d+)\/temp$/.exec(path);
    if (zone) temperatures.push({ path, sensor: first(`${zone[1]}/type`) ?? path });
    const hwmon = /^(\/sys\/class\/hwmon\/hwmon\d+)\/(temp\d+)_input$/.exec(path);
    if (hwmon) temperatures.push({ path, sensor: `${first(`${hwmon[1]}/name`) ?? 'hwmon'} ${hwmon[2]}` });
    const freq = /^\/sys\/devices\/system\/cpu\/cpu(\d+)\/cpufreq\/scaling_cur_freq$/.exec(path);
    if (freq) cpufreqFiles.set(Number(freq[1]), path);
    if (path.endsWith('_throttle_count')) throttleCountFiles.push(path);
    const cardHwmon = /^\/sys\/class\/drm\/card(\d+)\/device\/(hwmon\/hwmon\d+)\//.exec(path);
    if (cardHwmon && !amdgpuHwmon.has(Number(cardHwmon[1])))
      amdgpuHwmon.set(Number(cardHwmon[1]), cardHwmon[2] as string);
  }

  const discovery: HostDiscovery = {
    tools,
    onlineCpus,
    amdgpuCards,
    amdgpuHwmon,
    temperatures,
    cpufreqFiles,
    throttleCountFiles,
    physicalCores: (cpus) => new Set(cpus.map((c) => siblings.get(c) ?? String(c))).size,
  };
  if (pid !== undefined) {
    const cgroup = files.get(`/proc/${pid}/cgroup`);
    const allowed = parseAllowedCpus(files.get(`/proc/${pid}/status`)?.map((l) => l) ?? []);
    if (allowed) discovery.processCpus = parseCpuList(allowed);
    const v2Root = lines
      .find((l) => l.startsWith('cgroup-v2-root '))
      ?.slice(15)
      .trim();
    const cpuStat = cgroup ? cpuStatPath(cgroup, v2Root) : undefined;
    if (cpuStat) discovery.cpuStatFile = cpuStat;
  }
  return discovery;
}
