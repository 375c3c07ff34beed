// amd-smi telemetry: `amd-smi metric --json`, in both the old top-level array and the newer {"gpu_data": [...]}.
import { assign, previewOutput, type GpuSample } from './gpu-sample.ts';

type Kind = 'bytes' | 'percent' | 'watts' | 'celsius' | 'mhz';

/** Multipliers from amd-smi's units to bytes, W and MHz. Its "MB" is MiB (an 8 GiB card reports 8176 MB). */
const UNITS: Record<Kind, Record<string, number>> = {
  bytes: { B: 1, KB: 1024, KIB: 1024, MB: 1024 ** 2, MIB: 1024 ** 2, GB: 1024 ** 3, GIB: 1024 ** 3 },
  percent: { '%': 1 },
  watts: { W: 1, MW: 1e-3, UW: 1e-6 },
  celsius: { C: 1 },
  mhz: { MHZ: 1, GHZ: 1000 },
};

/** The unit assumed for a bare number (some releases print values without {value, unit}). */
const DEFAULT_UNIT: Record<Kind, string> = {
  bytes: 'MB',
  percent: '%',
  watts: 'W',
  celsius: 'C',
  mhz: 'MHz',
};

/**
 * Parses `amd-smi metric --json`. Each entry: {"gpu": N, "usage": {"gfx_activity": {"value", "unit"}, ...},
 * "mem_usage": {...}, "power": {...}, "temperature": {...}, "clock": {...}}; any of these may be "N/A".
 * Temperature is edge, or hotspot where edge is N/A (MI300 has no edge sensor). Lines before the first one
 * starting with '[' or '{' (amd-smi prints warnings there) are ignored.
 */
export function parseAmdSmiMetricJson(text: string): GpuSample[] {
  return readEntries(text)
    .filter((entry): entry is Record<string, unknown> => isRecord(entry) && Number.isInteger(entry['gpu']))
    .map(readEntry)
    .sort((a, b) => a.index - b.index);
}

function readEntry(entry: Record<string, unknown>): GpuSample {
  const at = (kind: Kind, ...paths: string[][]): number | undefined => {
    for (const path of paths) {
      const value = quantity(dig(entry, path), kind);
      if (value !== undefined) return value;
    }
    return undefined;
  };
  const sample: GpuSample = { index: entry['gpu'] as number, source: 'amd-smi' };
  assign(sample, 'utilPercent', at('percent', ['usage', 'gfx_activity']));
  assign(sample, 'memBusyPercent', at('percent', ['usage', 'umc_activity']));
  assign(sample, 'vramUsedBytes', at('bytes', ['mem_usage', 'used_vram']));
  assign(sample, 'vramTotalBytes', at('bytes', ['mem_usage', 'total_vram']));
  assign(sample, 'gttUsedBytes', at('bytes', ['mem_usage', 'used_gtt']));
  assign(sample, 'gttTotalBytes', at('bytes', ['mem_usage', 'total_gtt']));
  assign(
    sample,
    'powerWatts',
    at(
      'watts',
      ['power', 'socket_power'],
      ['power', 'average_socket_power'],
      ['power', 'current_socket_power'],
    ),
  );
  assign(sample, 'temperatureC', at('celsius', ['temperature', 'edge'], ['temperature', 'hotspot']));
  assign(sample, 'smClockMHz', at('mhz', ['clock', 'gfx_0', 'clk']));
  assign(sample, 'memClockMHz', at('mhz', ['clock', 'mem_0', 'clk']));
  return sample;
}

function readEntries(text: string): unknown[] {
  const start = text.search(/^\s*[[{]/m);
  let data: unknown;
  try {
    data = start < 0 ? undefined : JSON.parse(text.slice(start));
  } catch {
    data = undefined;
  }
  if (Array.isArray(data)) return data;
  if (isRecord(data) && Array.isArray(data['gpu_data'])) return data['gpu_data'];
  throw new Error(
    `amd-smi metric --json: expected a JSON array of GPUs or {"gpu_data": [...]}, got ${previewOutput(text)}`,
  );
}

function dig(value: unknown, path: string[]): unknown {
  let node = value;
  for (const key of path) node = isRecord(node) ? node[key] : undefined;
  return node;
}

/** A {value, unit} object, a bare number, or a string such as "31 W", in the kind's base unit; "N/A" is undefined. */
function quantity(node: unknown, kind: Kind): number | undefined {
  let value: unknown = node;
  let unit: unknown = undefined;
  if (isRecord(node)) {
    value = node['value'];
    unit = node['unit'];
  }
  if (typeof value === 'string') {
    const match = /^(-?\d+(?:\.\d+)?)\s*(\S*)$/.exec(value.trim());
    if (!match) return undefined;
    value = Number(match[1]);
    if (match[2]) unit = match[2];
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const name = (typeof unit === 'string' && unit !== '' ? unit : DEFAULT_UNIT[kind]).toUpperCase();
  const factor = UNITS[kind][name];
  return factor === undefined ? undefined : value * factor;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
