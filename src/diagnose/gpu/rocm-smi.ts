// rocm-smi telemetry: `rocm-smi --showuse --showmemuse --showmeminfo vram gtt --showpower --showtemp -c --json`.
import { assign, previewOutput, type GpuSample } from './gpu-sample.ts';

/** Key names per field, first match wins; matched without regard to case ("(C)" was "(c)" in old releases). */
const KEYS = {
  name: ['Device Name', 'Card Series'],
  util: ['GPU use (%)'],
  // mem_busy_percent: "GPU memory use (%)" up to ROCm 5, "GPU Memory Read/Write Activity (%)" since ROCm 6.
  memBusy: ['GPU Memory Read/Write Activity (%)', 'GPU memory use (%)'],
  vramTotal: ['VRAM Total Memory (B)'],
  vramUsed: ['VRAM Total Used Memory (B)'],
  gttTotal: ['GTT Total Memory (B)'],
  gttUsed: ['GTT Total Used Memory (B)'],
  // Dedicated GPUs report the average; APUs and MI300 (ROCm 6) the current socket power.
  power: ['Average Graphics Package Power (W)', 'Current Socket Graphics Package Power (W)'],
  // Edge first, as amd-smi and the amdgpu hwmon temp1 do; junction (hotspot) where edge is absent (MI200+).
  temp: ['Temperature (Sensor edge) (C)', 'Temperature (Sensor junction) (C)'],
  sclk: ['sclk clock speed:'],
  mclk: ['mclk clock speed:'],
};

/**
 * Parses rocm-smi's JSON: {"card0": {...}, "system": {...}} with every value a string. Only card<N> keys
 * become samples. Lines before the first one starting with '{' (rocm-smi prints warnings there) are ignored.
 */
export function parseRocmSmiJson(text: string): GpuSample[] {
  const data = parseObject(text);
  const samples: GpuSample[] = [];
  for (const [key, value] of Object.entries(data)) {
    const card = /^card(\d+)$/.exec(key);
    if (!card || typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    const fields = value as Record<string, unknown>;
    const get = (names: string[]): string | undefined => lookup(fields, names);
    const sample: GpuSample = { index: Number(card[1]), source: 'rocm-smi' };
    assign(sample, 'name', get(KEYS.name));
    assign(sample, 'utilPercent', toNumber(get(KEYS.util)));
    assign(sample, 'memBusyPercent', toNumber(get(KEYS.memBusy)));
    assign(sample, 'vramUsedBytes', toNumber(get(KEYS.vramUsed)));
    assign(sample, 'vramTotalBytes', toNumber(get(KEYS.vramTotal)));
    assign(sample, 'gttUsedBytes', toNumber(get(KEYS.gttUsed)));
    assign(sample, 'gttTotalBytes', toNumber(get(KEYS.gttTotal)));
    assign(sample, 'powerWatts', toNumber(get(KEYS.power)));
    assign(sample, 'temperatureC', toNumber(get(KEYS.temp)));
    assign(sample, 'smClockMHz', toMHz(get(KEYS.sclk)));
    assign(sample, 'memClockMHz', toMHz(get(KEYS.mclk)));
    samples.push(sample);
  }
  return samples.sort((a, b) => a.index - b.index);
}

function parseObject(text: string): Record<string, unknown> {
  const start = text.search(/^\s*\{/m);
  let data: unknown;
  try {
    data = start < 0 ? undefined : JSON.parse(text.slice(start));
  } catch {
    data = undefined;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error(
      `rocm-smi --json: expected a JSON object such as {"card0": {...}}, got ${previewOutput(text)}`,
    );
  }
  return data as Record<string, unknown>;
}

/** The first of these keys present with a usable value (not "N/A", not empty). */
function lookup(fields: Record<string, unknown>, names: string[]): string | undefined {
  const byLower = new Map(Object.entries(fields).map(([k, v]) => [k.toLowerCase(), v]));
  for (const name of names) {
    const value = byLower.get(name.toLowerCase());
    if (typeof value === 'string' && value.trim() !== '' && !value.startsWith('N/A')) return value.trim();
    if (typeof value === 'number') return String(value);
  }
  return undefined;
}

/** A plain decimal string ("22.0", "25753026560"); anything else ("N/A (Secondary die)") is undefined. */
function toNumber(value: string | undefined): number | undefined {
  return value !== undefined && /^-?\d+(?:\.\d+)?$/.test(value) ? Number(value) : undefined;
}

/** rocm-smi's clock string: "(1800Mhz)". */
function toMHz(value: string | undefined): number | undefined {
  const match = value === undefined ? null : /^\(?(\d+(?:\.\d+)?)\s*Mhz\)?$/i.exec(value);
  return match ? Number(match[1]) : undefined;
}
