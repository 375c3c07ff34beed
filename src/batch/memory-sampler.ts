// The server's RSS (/proc/<pid>/status VmRSS) and GPU memory (nvidia-smi) once a second, kept to memory.jsonl.
import { readRssBytes } from '../diagnose/soak/process-rss.ts';
import { runCommand } from '../process/run-command.ts';

export interface MemorySample {
  /** Epoch ms. */
  readonly t: number;
  readonly rssBytes?: number | undefined;
  /** Sum of memory.used over every GPU, MiB. */
  readonly gpuMiB?: number | undefined;
}

export interface MemorySampler {
  /** Takes one sample now (before and after a batch). */
  sample(): Promise<MemorySample>;
  stop(): void;
}

/** memory.used summed over GPUs; undefined without nvidia-smi or with [N/A]. */
export async function readGpuMiB(): Promise<number | undefined> {
  try {
    const { code, stdout } = await runCommand(
      ['nvidia-smi', '--query-gpu=memory.used', '--format=csv,noheader,nounits'],
      { timeoutMs: 5000 },
    );
    if (code !== 0) return undefined;
    const values = stdout.trim().split('\n').map(Number);
    return values.length > 0 && values.every(Number.isFinite) ? values.reduce((a, b) => a + b, 0) : undefined;
  } catch {
    return undefined;
  }
}

/** Samples every intervalMs until stopped; each sample goes to onSample. A missing nvidia-smi is tried once. */
export async function startMemorySampler(
  pid: number | undefined,
  onSample: (sample: MemorySample) => void,
  intervalMs = 1000,
): Promise<MemorySampler> {
  let gpu = (await readGpuMiB()) !== undefined;
  const sample = async (): Promise<MemorySample> => {
    const rssBytes = pid === undefined ? undefined : readRssBytes(pid);
    const gpuMiB = gpu ? await readGpuMiB() : undefined;
    if (gpuMiB === undefined) gpu = false;
    const taken = { t: Date.now(), rssBytes, gpuMiB };
    onSample(taken);
    return taken;
  };
  const timer = setInterval(() => void sample(), intervalMs);
  timer.unref();
  return { sample, stop: () => clearInterval(timer) };
}
