// amdgpu sysfs telemetry: plain files under /sys/class/drm/cardN/device/, read without starting a process.
import { assign, type GpuSample } from './gpu-sample.ts';

const AMD_VENDOR = '0x1002';

/**
 * The paths, relative to /sys/class/drm/cardN/device/, that parseAmdgpuSysfs reads. A path starting with
 * "hwmon/" names a file in the first hwmon/hwmon* directory (its number varies: hwmon3, hwmon7...):
 * the reader resolves "hwmon/temp1_input" to e.g. "hwmon/hwmon3/temp1_input".
 */
export const AMDGPU_SYSFS_FILES: string[] = [
  'vendor',
  'gpu_busy_percent',
  'mem_busy_percent',
  'mem_info_vram_used',
  'mem_info_vram_total',
  'mem_info_gtt_used',
  'mem_info_gtt_total',
  'hwmon/temp1_input',
  'hwmon/power1_average',
  'hwmon/power1_input',
  'hwmon/freq1_input',
  'pp_dpm_sclk',
  'pp_dpm_mclk',
];

/**
 * One sample of DRM card `index` from its sysfs files, read through `read` (a path of AMDGPU_SYSFS_FILES,
 * giving the file's text or undefined when absent or unreadable). Undefined unless vendor is 0x1002.
 * Units: temp1_input m°C (edge), power1_average / power1_input µW (average preferred; newer kernels have
 * only input on some GPUs), freq1_input Hz (sclk; else the '*' level of pp_dpm_sclk), memory in bytes.
 */
export function parseAmdgpuSysfs(
  index: number,
  read: (relPath: string) => string | undefined,
): GpuSample | undefined {
  if (read('vendor')?.trim().toLowerCase() !== AMD_VENDOR) return undefined;
  const int = (path: string): number | undefined => {
    const text = read(path)?.trim();
    return text !== undefined && /^-?\d+$/.test(text) ? Number(text) : undefined;
  };
  const sample: GpuSample = { index, source: 'amdgpu-sysfs' };
  assign(sample, 'utilPercent', int('gpu_busy_percent'));
  assign(sample, 'memBusyPercent', int('mem_busy_percent'));
  assign(sample, 'vramUsedBytes', int('mem_info_vram_used'));
  assign(sample, 'vramTotalBytes', int('mem_info_vram_total'));
  assign(sample, 'gttUsedBytes', int('mem_info_gtt_used'));
  assign(sample, 'gttTotalBytes', int('mem_info_gtt_total'));
  assign(sample, 'temperatureC', scale(int('hwmon/temp1_input'), 1e3));
  assign(sample, 'powerWatts', scale(int('hwmon/power1_average') ?? int('hwmon/power1_input'), 1e6));
  assign(sample, 'smClockMHz', scale(int('hwmon/freq1_input'), 1e6) ?? currentLevelMHz(read('pp_dpm_sclk')));
  assign(sample, 'memClockMHz', currentLevelMHz(read('pp_dpm_mclk')));
  return sample;
}

/** The level marked '*' in a pp_dpm_* file ("0: 500Mhz \n1: 1200Mhz *\n"), in MHz. */
function currentLevelMHz(text: string | undefined): number | undefined {
  for (const line of text?.split('\n') ?? []) {
    const match = /^\s*\S+:\s*(\d+)\s*Mhz\s*\*\s*$/i.exec(line);
    if (match) return Number(match[1]);
  }
  return undefined;
}

function scale(value: number | undefined, divisor: number): number | undefined {
  return value === undefined ? undefined : value / divisor;
}
