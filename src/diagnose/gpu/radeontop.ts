// radeontop telemetry: the lines of `radeontop -d - -l 1` (clbr/radeontop dump.c).
import { assign, MIB, type GpuSample } from './gpu-sample.ts';

/**
 * Parses one dump line: "<sec>.<usec>: bus 03, gpu 12.50%, ee 0.00%, ..., vce0 0.00%[, vram 5.12% 820.45mb]
 * [, gtt 0.80% 120.00mb][, mclk 100.00% 1.000ghz, sclk 40.00% 1.200ghz]"; "mb" is MiB. The bus (hex PCI bus)
 * becomes the index; lines from releases before the bus field get index 0. Undefined for the banner
 * "Dumping to -, line limit 1." and anything else that is not a dump line.
 */
export function parseRadeontopLine(line: string): GpuSample | undefined {
  const match = /^\s*\d+\.\d+:\s*(.*)$/.exec(line);
  if (!match) return undefined;
  const parts = new Map<string, string[]>();
  for (const part of (match[1] as string).split(',')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) parts.set(name, values);
  }
  const gpu = percent(parts.get('gpu')?.[0]);
  if (gpu === undefined) return undefined;
  const bus = parts.get('bus')?.[0];
  const index = bus !== undefined && /^[0-9a-f]+$/i.test(bus) ? Number.parseInt(bus, 16) : 0;
  const sample: GpuSample = { index, source: 'radeontop', utilPercent: gpu };
  assign(sample, 'vramUsedBytes', mebibytes(parts.get('vram')?.[1]));
  assign(sample, 'gttUsedBytes', mebibytes(parts.get('gtt')?.[1]));
  assign(sample, 'smClockMHz', gigahertz(parts.get('sclk')?.[1]));
  assign(sample, 'memClockMHz', gigahertz(parts.get('mclk')?.[1]));
  return sample;
}

/**
 * The wall clock of a dump line in epoch milliseconds. radeontop prints "%llu.%llu" of tv_sec and tv_usec,
 * so the microseconds are not zero-padded: "1502903295.84311" is 84311 µs (.084311 s), not .84311 s.
 */
export function parseRadeontopTimestamp(line: string): number | undefined {
  const match = /^\s*(\d+)\.(\d{1,6}):/.exec(line);
  if (!match) return undefined;
  return Number(match[1]) * 1000 + Number(match[2]) / 1000;
}

function percent(value: string | undefined): number | undefined {
  const match = value === undefined ? null : /^(\d+(?:\.\d+)?)%$/.exec(value);
  return match ? Number(match[1]) : undefined;
}

function mebibytes(value: string | undefined): number | undefined {
  const match = value === undefined ? null : /^(\d+(?:\.\d+)?)mb$/i.exec(value);
  return match ? Math.round(Number(match[1]) * MIB) : undefined;
}

function gigahertz(value: string | undefined): number | undefined {
  const match = value === undefined ? null : /^(\d+(?:\.\d+)?)ghz$/i.exec(value);
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}
