// What a preset becomes for one server: an argv array (never a shell string), environment, and warnings.
import { fileKeyOf } from './preset-keys.ts';
import type { PresetKey, ResolvedPreset } from './types.ts';

export interface LaunchArgs {
  /** Arguments after the executable (or the image's entrypoint), one element per argument. */
  args: string[];
  warnings: string[];
}

export interface LaunchEnv {
  env: Record<string, string>;
  /** Per-request options the server takes only from clients or a Modelfile (Ollama's num_thread...). */
  requestOptions: Record<string, number>;
  warnings: string[];
}

/** Preset keys only vLLM uses, and only Ollama uses: the other kinds warn when they are set. */
export const VLLM_ONLY_KEYS = [
  'tensorParallel',
  'pipelineParallel',
  'dataParallel',
  'gpuMemoryUtilization',
] as const satisfies readonly PresetKey[];
export const OLLAMA_ONLY_KEYS = ['keepAlive', 'maxLoadedModels'] as const satisfies readonly PresetKey[];

/** One warning naming the preset keys, set by the user, that `kind` has no use for. */
export function ignoredKeysWarning(
  kind: string,
  preset: ResolvedPreset,
  keys: readonly PresetKey[],
  why: string,
): string[] {
  const ignored = keys.filter((key) => preset.setKeys.includes(key)).map(fileKeyOf);
  if (ignored.length === 0) return [];
  return [`${kind} ignores preset key${ignored.length === 1 ? '' : 's'} ${ignored.join(', ')}: ${why}`];
}

/** Warns when extra arguments repeat a flag the preset already sets (the server takes the last one). */
export function repeatedFlagWarnings(extraArgs: string[], ownFlags: readonly string[]): string[] {
  const repeated = extraArgs.filter((arg) => ownFlags.includes(arg.split('=')[0] ?? arg));
  return repeated.map(
    (flag) => `extra_args sets ${flag.split('=')[0]} again; the later value wins over the preset's`,
  );
}
