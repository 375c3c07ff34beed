// One GPU at one moment, whichever tool reported it; a field a tool cannot give stays undefined.

export type GpuTool = 'nvidia-smi' | 'amdgpu-sysfs' | 'amd-smi' | 'rocm-smi' | 'radeontop';

export interface GpuSample {
  /** Device index as the tool numbers it (nvidia-smi index, rocm-smi card N, amd-smi gpu, DRM card N). */
  index: number;
  source: GpuTool;
  name?: string;
  /** Compute / graphics engine busy, 0-100. */
  utilPercent?: number;
  /** Memory controller busy, 0-100 (nvidia utilization.memory, amd umc_activity, mem_busy_percent). */
  memBusyPercent?: number;
  vramUsedBytes?: number;
  vramTotalBytes?: number;
  /** System memory mapped for the GPU (AMD GTT): where APUs such as Strix Halo hold the model. */
  gttUsedBytes?: number;
  gttTotalBytes?: number;
  powerWatts?: number;
  temperatureC?: number;
  smClockMHz?: number;
  memClockMHz?: number;
  /** Clock-limiting reasons now active: thermal (hardware or software slowdown), power cap, others by name. */
  throttle?: { thermal: boolean; power: boolean; reasons: string[] };
}

/** Bytes in a MiB: the unit the GPU tools call "MB". */
export const MIB = 1024 * 1024;

/** Sets a sample's field only when the tool reported it. */
export function assign<K extends keyof GpuSample>(
  sample: GpuSample,
  key: K,
  value: GpuSample[K] | undefined,
): void {
  if (value !== undefined) sample[key] = value;
}

/** The start of a tool's output, quoted, for an error that says what came back instead. */
export function previewOutput(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return 'empty output';
  return JSON.stringify(trimmed.length > 80 ? `${trimmed.slice(0, 80)}...` : trimmed);
}
