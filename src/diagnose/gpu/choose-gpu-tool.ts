// Which GPU telemetry source diagnose samples, from what was found on the server's host, and why.
import type { GpuTool } from './gpu-sample.ts';

/** What a probe of the host found: tools on PATH, and the DRM card numbers whose vendor is 0x1002. */
export interface GpuToolsFound {
  nvidiaSmi: boolean;
  amdgpuCards: number[];
  amdSmi: boolean;
  rocmSmi: boolean;
  radeontop: boolean;
}

/** The chosen source, a plain sentence saying why, and the better sources that were not found. */
export interface GpuToolChoice {
  tool: GpuTool | undefined;
  why: string;
  /** Sources preferred over the chosen one that are absent (all of them when nothing was found). */
  missing: string[];
}

const AMD_ORDER = ['amdgpu sysfs', 'amd-smi', 'rocm-smi', 'radeontop'];
const ALL = ['nvidia-smi', ...AMD_ORDER];

/**
 * Picks the telemetry source: nvidia-smi for NVIDIA; for AMD, amdgpu sysfs first (cheapest, no process per
 * sample), then amd-smi, rocm-smi, radeontop. When nothing is found, tool is undefined and why says so.
 */
export function chooseGpuTool(found: GpuToolsFound): GpuToolChoice {
  const cards = found.amdgpuCards.map((n) => `card${n}`).join(', ');
  if (found.nvidiaSmi) {
    const verb = found.amdgpuCards.length > 1 ? 'are' : 'is';
    const alsoAmd = cards === '' ? '' : `; amdgpu ${cards} ${verb} not sampled`;
    return {
      tool: 'nvidia-smi',
      why: `nvidia-smi (one query loop for all NVIDIA GPUs)${alsoAmd}`,
      missing: [],
    };
  }
  if (found.amdgpuCards.length > 0) {
    return { tool: 'amdgpu-sysfs', why: `amdgpu sysfs for ${cards} (no process per sample)`, missing: [] };
  }
  const fallbacks: [boolean, GpuTool, string][] = [
    [found.amdSmi, 'amd-smi', 'one process per sample'],
    [found.rocmSmi, 'rocm-smi', 'one process per sample'],
    [found.radeontop, 'radeontop', 'no power or temperature'],
  ];
  for (const [present, tool, note] of fallbacks) {
    if (!present) continue;
    const missing = AMD_ORDER.slice(0, AMD_ORDER.indexOf(tool));
    return { tool, why: `${tool} (${listWords(missing)} not found; ${note})`, missing };
  }
  return {
    tool: undefined,
    why: `no GPU telemetry: none of ${ALL.join(', ')} was found`,
    missing: [...ALL],
  };
}

/** "a", "a and b", "a, b and c". */
function listWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
