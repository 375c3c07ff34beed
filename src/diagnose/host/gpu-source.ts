// How the sampler reads the chosen GPU tool: a line stream (nvidia-smi's query loop, radeontop's dump),
// repeated JSON snapshots (amd-smi, rocm-smi), or amdgpu's sysfs files read with the rest of the frame.
import { parseAmdSmiMetricJson } from '../gpu/amd-smi.ts';
import { AMDGPU_SYSFS_FILES, parseAmdgpuSysfs } from '../gpu/amdgpu-sysfs.ts';
import type { GpuSample, GpuTool } from '../gpu/gpu-sample.ts';
import { nvidiaSmiQueryArgs, parseNvidiaSmiCsvLine } from '../gpu/nvidia-smi.ts';
import { parseRadeontopLine } from '../gpu/radeontop.ts';
import { parseRocmSmiJson } from '../gpu/rocm-smi.ts';
import type { HostDiscovery } from './discover-host.ts';

export interface GpuSource {
  tool: GpuTool;
  mode: 'none' | 'lines' | 'snapshot';
  /** The command the sampler runs in the background (mode lines or snapshot). */
  argv: string[];
  /** Seconds between snapshots: one-shot tools are Python programs that cost far more than a file read. */
  snapshotSeconds: number;
  /** Files the frame reads (amdgpu sysfs). */
  files: string[];
  /** The GPUs in one frame, from its GPU lines and files. */
  read(gpuLines: readonly string[] | undefined, files: ReadonlyMap<string, string[]>): GpuSample[];
}

const SNAPSHOT_MIN_SECONDS = 5;

/** The source for a tool found on the host; `legacy` selects nvidia-smi's clocks_throttle_reasons names. */
export function gpuSource(
  tool: GpuTool,
  discovery: HostDiscovery,
  intervalMs: number,
  legacy = false,
): GpuSource {
  const base = { tool, argv: [] as string[], snapshotSeconds: 0, files: [] as string[] };
  const snapshotSeconds = Math.max(SNAPSHOT_MIN_SECONDS, Math.round(intervalMs / 1000));
  switch (tool) {
    case 'nvidia-smi':
      return {
        ...base,
        mode: 'lines',
        argv: ['nvidia-smi', ...nvidiaSmiQueryArgs(intervalMs, legacy)],
        read: latestPerGpu(parseNvidiaSmiCsvLine),
      };
    case 'radeontop':
      return {
        ...base,
        mode: 'lines',
        argv: ['radeontop', '-d', '-', '-i', String(Math.max(1, Math.round(intervalMs / 1000)))],
        read: latestPerGpu(parseRadeontopLine),
      };
    case 'amd-smi':
      return {
        ...base,
        mode: 'snapshot',
        snapshotSeconds,
        argv: ['amd-smi', 'metric', '--json'],
        read: snapshot(parseAmdSmiMetricJson),
      };
    case 'rocm-smi':
      return {
        ...base,
        mode: 'snapshot',
        snapshotSeconds,
        argv: [
          'rocm-smi',
          '--showuse',
          '--showmemuse',
          '--showmeminfo',
          'vram',
          'gtt',
          '--showpower',
          '--showtemp',
          '--json',
        ],
        read: snapshot(parseRocmSmiJson),
      };
    case 'amdgpu-sysfs':
      return amdgpuSysfsSource(discovery);
  }
}

function latestPerGpu(parse: (line: string) => GpuSample | undefined) {
  return (lines: readonly string[] | undefined): GpuSample[] => {
    const byIndex = new Map<number, GpuSample>();
    for (const line of lines ?? []) {
      const sample = parse(line);
      if (sample) byIndex.set(sample.index, sample);
    }
    return [...byIndex.values()].sort((a, b) => a.index - b.index);
  };
}

function snapshot(parse: (text: string) => GpuSample[]) {
  return (lines: readonly string[] | undefined): GpuSample[] => (lines ? parse(lines.join('\n')) : []);
}

function amdgpuSysfsSource(discovery: HostDiscovery): GpuSource {
  const pathOf = (card: number, rel: string): string => {
    const device = `/sys/class/drm/card${card}/device`;
    if (!rel.startsWith('hwmon/')) return `${device}/${rel}`;
    const hwmon = discovery.amdgpuHwmon.get(card);
    return hwmon ? `${device}/${hwmon}/${rel.slice(6)}` : `${device}/${rel}`;
  };
  const files = discovery.amdgpuCards.flatMap((card) => AMDGPU_SYSFS_FILES.map((rel) => pathOf(card, rel)));
  return {
    tool: 'amdgpu-sysfs',
    mode: 'none',
    argv: [],
    snapshotSeconds: 0,
    files,
    read: (_lines, frameFiles) =>
      discovery.amdgpuCards.flatMap((card) => {
        const sample = parseAmdgpuSysfs(card, (rel) => frameFiles.get(pathOf(card, rel))?.join('\n'));
        return sample ? [sample] : [];
      }),
  };
}
