// Thermal state from one frame: the hottest sensor, the mean CPU clock and throttle event counts.
import type { HostDiscovery } from './discover-host.ts';

export interface ThermalReading {
  maxTempC?: number;
  maxTempSensor?: string;
  cpuMHz?: number;
  /** Sum of the Intel core and package throttle counts (monotonic since boot). */
  throttleCount?: number;
}

const firstNumber = (lines: readonly string[] | undefined): number | undefined => {
  const value = Number(lines?.[0]?.trim());
  return lines?.[0] !== undefined && Number.isFinite(value) ? value : undefined;
};

/** Reads the thermal files of one frame; `cpus` limits the clock to the server's cpuset. */
export function readThermal(
  files: ReadonlyMap<string, string[]>,
  discovery: HostDiscovery,
  cpus: readonly number[],
): ThermalReading {
  const reading: ThermalReading = {};
  for (const { path, sensor } of discovery.temperatures) {
    const milli = firstNumber(files.get(path));
    // Sensors report m°C; absurd values (disconnected probes report -273 or 127000+) are skipped.
    if (milli === undefined || milli <= 0 || milli > 150_000) continue;
    const celsius = milli / 1000;
    if (reading.maxTempC === undefined || celsius > reading.maxTempC) {
      reading.maxTempC = celsius;
      reading.maxTempSensor = sensor;
    }
  }
  const clocks = cpus.flatMap((cpu) => {
    const path = discovery.cpufreqFiles.get(cpu);
    const khz = path ? firstNumber(files.get(path)) : undefined;
    return khz === undefined ? [] : [khz / 1000];
  });
  if (clocks.length > 0) reading.cpuMHz = clocks.reduce((a, b) => a + b, 0) / clocks.length;
  const counts = discovery.throttleCountFiles.flatMap((path) => {
    const n = firstNumber(files.get(path));
    return n === undefined ? [] : [n];
  });
  if (counts.length > 0) reading.throttleCount = counts.reduce((a, b) => a + b, 0);
  return reading;
}
