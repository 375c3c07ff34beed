// One `podman stats` sample of a running container: CPU and memory, for diagnose.
import { parseGoDuration } from '../engine/duration.ts';
import type { CommandRunner } from '../process/command-runner.ts';
import { firstRecord, stringField } from './json-fields.ts';
import { CommandError } from '../process/command-error.ts';
import { isNoSuchObject } from './no-such-object.ts';

export interface ContainerStats {
  /** Percent of one CPU since the previous sample (podman's own window), e.g. 150 = 1.5 cores. */
  cpuPercent?: number;
  /** Total CPU time the container used so far. */
  cpuTimeMs?: number;
  memUsageBytes?: number;
  memLimitBytes?: number;
  memPercent?: number;
  pids?: number;
}

/** Samples the container once; undefined when none has that name. Fails for a container that is not running. */
export async function containerStats(
  runner: CommandRunner,
  name: string,
): Promise<ContainerStats | undefined> {
  const argv = ['podman', 'stats', '--no-stream', '--format', 'json', name];
  const result = await runner.exec(argv);
  if (result.code !== 0) {
    if (isNoSuchObject(result)) return undefined;
    throw new CommandError(argv, result);
  }
  return parsePodmanStats(result.stdout);
}

/** Parses `podman stats --format json`, whose numbers are human strings ("2.86%", "110.8MB / 25.28GB"). */
export function parsePodmanStats(text: string): ContainerStats {
  const sample = firstRecord(text, 'podman stats');
  const [usage, limit] = (stringField(sample, 'mem_usage') ?? '').split('/');
  const cpuTimeNs = parseGoDuration(stringField(sample, 'cpu_time') ?? '');
  const pids = Number.parseInt(stringField(sample, 'pids') ?? '', 10);
  return {
    cpuPercent: parsePercent(stringField(sample, 'cpu_percent')),
    cpuTimeMs: cpuTimeNs === undefined ? undefined : cpuTimeNs / 1e6,
    memUsageBytes: parseByteSize(usage),
    memLimitBytes: parseByteSize(limit),
    memPercent: parsePercent(stringField(sample, 'mem_percent')),
    pids: Number.isFinite(pids) ? pids : undefined,
  };
}

function parsePercent(text: string | undefined): number | undefined {
  const match = /^\s*([\d.]+)\s*%\s*$/.exec(text ?? '');
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

// podman prints sizes with go-units' HumanSize (decimal: kB, MB, GB); binary units are accepted too.
const BYTE_UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  pb: 1e15,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/** "110.8MB" -> 110800000; undefined for podman's "--" (not available) or anything else unknown. */
export function parseByteSize(text: string | undefined): number | undefined {
  const match = /^\s*([\d.]+)\s*([a-zA-Z]+)\s*$/.exec(text ?? '');
  const scale = BYTE_UNITS[match?.[2]?.toLowerCase() ?? ''];
  if (match?.[1] === undefined || scale === undefined) return undefined;
  return Math.round(Number(match[1]) * scale);
}
