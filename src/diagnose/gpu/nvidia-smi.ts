// nvidia-smi telemetry: the argv of the CSV query loop, and parsers for its lines and for `dmon` output.
import { assign, MIB, type GpuSample } from './gpu-sample.ts';

/** The reason fields after `clocks_event_reasons.` (drivers since 535) or `clocks_throttle_reasons.` (older). */
const REASON_FIELDS = ['active', 'sw_power_cap', 'hw_slowdown', 'sw_thermal_slowdown', 'hw_thermal_slowdown'];

const BASE_FIELDS = [
  'timestamp',
  'index',
  'name',
  'utilization.gpu',
  'utilization.memory',
  'memory.used',
  'memory.total',
  'power.draw',
  'temperature.gpu',
  'clocks.sm',
  'clocks.mem',
];

/** The query fields, in output order, for drivers that know `clocks_event_reasons.*`. */
export const NVIDIA_FIELDS: readonly string[] = [
  ...BASE_FIELDS,
  ...REASON_FIELDS.map((r) => `clocks_event_reasons.${r}`),
];

/** The same fields for older drivers, which only know the former name `clocks_throttle_reasons.*`. */
export const NVIDIA_LEGACY_FIELDS: readonly string[] = [
  ...BASE_FIELDS,
  ...REASON_FIELDS.map((r) => `clocks_throttle_reasons.${r}`),
];

/** The argv after `nvidia-smi` for a CSV query loop every intervalMs; legacy picks the old reason names. */
export function nvidiaSmiQueryArgs(intervalMs: number, legacy: boolean): string[] {
  const fields = legacy ? NVIDIA_LEGACY_FIELDS : NVIDIA_FIELDS;
  return [
    `--query-gpu=${fields.join(',')}`,
    '--format=csv,noheader,nounits',
    '-lms',
    String(Math.max(1, Math.round(intervalMs))),
  ];
}

/** Whether nvidia-smi's output says a queried field is unknown to this driver (then retry with legacy names). */
export function isUnknownNvidiaField(output: string): boolean {
  return /Field "[^"]+" is not a valid field to query/.test(output);
}

/**
 * NVML clock event reason bits (nvml.h, group nvmlClocksEventReasons, formerly nvmlClocksThrottleReasons):
 * GpuIdle 0x1, ApplicationsClocksSetting 0x2, SwPowerCap 0x4, HwSlowdown 0x8, SyncBoost 0x10,
 * SwThermalSlowdown 0x20, HwThermalSlowdown 0x40, HwPowerBrakeSlowdown 0x80, DisplayClockSetting 0x100.
 */
const REASON_BITS: ReadonlyArray<readonly [number, string]> = [
  [0x1, 'gpu_idle'],
  [0x2, 'applications_clocks_setting'],
  [0x4, 'sw_power_cap'],
  [0x8, 'hw_slowdown'],
  [0x10, 'sync_boost'],
  [0x20, 'sw_thermal_slowdown'],
  [0x40, 'hw_thermal_slowdown'],
  [0x80, 'hw_power_brake_slowdown'],
  [0x100, 'display_clock_setting'],
];

const THERMAL_REASONS = new Set(['sw_thermal_slowdown', 'hw_thermal_slowdown']);
const POWER_REASONS = new Set(['sw_power_cap', 'hw_power_brake_slowdown']);

/**
 * Parses one line of the query loop (fields joined by ", ", in NVIDIA_FIELDS order); undefined for a blank
 * line, a header, or an error such as "NVIDIA-SMI has failed...". Accepts values with units too ("45 %").
 */
export function parseNvidiaSmiCsvLine(line: string): GpuSample | undefined {
  const fields = line.trim().split(/,\s*/);
  const extra = fields.length - NVIDIA_FIELDS.length;
  if (extra < 0) return undefined;
  // A name holding ", " splits into more fields: join it back.
  const values = [fields[0], fields[1], fields.slice(2, 3 + extra).join(', '), ...fields.slice(3 + extra)];
  const field = (name: string): string | undefined => {
    const at = NVIDIA_FIELDS.indexOf(name);
    return present(values[at]);
  };
  const index = field('index');
  if (index === undefined || !/^\d+$/.test(index)) return undefined;
  const sample: GpuSample = { index: Number(index), source: 'nvidia-smi' };
  assign(sample, 'name', field('name'));
  assign(sample, 'utilPercent', toNumber(field('utilization.gpu')));
  assign(sample, 'memBusyPercent', toNumber(field('utilization.memory')));
  assign(sample, 'vramUsedBytes', mibToBytes(toNumber(field('memory.used'))));
  assign(sample, 'vramTotalBytes', mibToBytes(toNumber(field('memory.total'))));
  assign(sample, 'powerWatts', toNumber(field('power.draw')));
  assign(sample, 'temperatureC', toNumber(field('temperature.gpu')));
  assign(sample, 'smClockMHz', toNumber(field('clocks.sm')));
  assign(sample, 'memClockMHz', toNumber(field('clocks.mem')));
  const reasonValues = REASON_FIELDS.map((r) => field(`clocks_event_reasons.${r}`));
  assign(sample, 'throttle', readThrottle(reasonValues));
  return sample;
}

/** Reason names from the *.active bitmask and the per-reason Active / Not Active fields; undefined if none is known. */
function readThrottle(values: (string | undefined)[]): GpuSample['throttle'] {
  const [mask, ...flags] = values;
  const reasons = new Set<string>();
  let known = false;
  if (mask !== undefined && /^0x[0-9a-f]+$/i.test(mask)) {
    known = true;
    const bits = Number.parseInt(mask.slice(2), 16);
    for (const [bit, name] of REASON_BITS) if ((bits & bit) !== 0) reasons.add(name);
  }
  REASON_FIELDS.slice(1).forEach((name, i) => {
    const flag = flags[i];
    if (flag === 'Active') reasons.add(name);
    if (flag === 'Active' || flag === 'Not Active') known = true;
  });
  if (!known) return undefined;
  const list = REASON_BITS.map(([, name]) => name).filter((name) => reasons.has(name));
  return {
    thermal: list.some((r) => THERMAL_REASONS.has(r)),
    power: list.some((r) => POWER_REASONS.has(r)),
    reasons: list,
  };
}

/** dmon column name -> how it lands in a sample (fb is frame buffer used, in MiB though dmon labels it MB). */
const DMON_COLUMNS: Record<string, (sample: GpuSample, value: number) => void> = {
  pwr: (s, v) => (s.powerWatts = v),
  gtemp: (s, v) => (s.temperatureC = v),
  sm: (s, v) => (s.utilPercent = v),
  mem: (s, v) => (s.memBusyPercent = v),
  mclk: (s, v) => (s.memClockMHz = v),
  pclk: (s, v) => (s.smClockMHz = v),
  fb: (s, v) => (s.vramUsedBytes = v * MIB),
};

/**
 * Parses `nvidia-smi dmon -s pucm [-o DT]` output: a '#' line naming the columns (then a '#' units line),
 * then whitespace-separated rows; '-' is unsupported. Columns come from the header, which dmon repeats,
 * so rows before the first header are skipped, as are rows whose width does not match it.
 */
export function parseNvidiaSmiDmon(text: string): GpuSample[] {
  const samples: GpuSample[] = [];
  let columns: string[] | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      const names = line.slice(1).trim().split(/\s+/);
      if (names.includes('gpu')) columns = names;
      continue;
    }
    const cells = line.split(/\s+/);
    if (!columns || cells.length !== columns.length) continue;
    const gpu = cells[columns.indexOf('gpu')] ?? '';
    if (!/^\d+$/.test(gpu)) continue;
    const sample: GpuSample = { index: Number(gpu), source: 'nvidia-smi' };
    columns.forEach((name, i) => {
      const set = DMON_COLUMNS[name];
      const value = toNumber(present(cells[i]));
      if (set && value !== undefined) set(sample, value);
    });
    samples.push(sample);
  }
  return samples;
}

/** The value, or undefined for nvidia-smi's "not available" spellings ([N/A], [Not Supported], N/A, -, ...). */
function present(value: string | undefined): string | undefined {
  const v = value?.trim();
  if (v === undefined || v === '' || v === '-' || v === 'N/A' || /^\[.*\]$/.test(v)) return undefined;
  return v;
}

/** A number, with an optional unit after it ("45", "45 %", "1024 MiB", "70.25 W", "1980 MHz"). */
function toNumber(value: string | undefined): number | undefined {
  const match = value === undefined ? null : /^(-?\d+(?:\.\d+)?)\s*(?:%|MiB|W|MHz|C)?$/.exec(value);
  return match ? Number(match[1]) : undefined;
}

function mibToBytes(mib: number | undefined): number | undefined {
  return mib === undefined ? undefined : mib * MIB;
}
