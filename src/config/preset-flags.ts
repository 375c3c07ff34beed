// Maps a resolved preset onto one server of any kind: argv, environment and what did not apply.
import type { LaunchArgs, LaunchEnv } from './launch-types.ts';
import { ignoredKeysWarning, OLLAMA_ONLY_KEYS, VLLM_ONLY_KEYS } from './launch-types.ts';
import { llamaServerArgs } from './llama-server-args.ts';
import { ollamaEnv } from './ollama-env.ts';
import type { ResolvedPreset, ServerConfig, ServerKind } from './types.ts';
import { vllmArgs } from './vllm-args.ts';

export { llamaServerArgs } from './llama-server-args.ts';
export { vllmArgs } from './vllm-args.ts';
export { ollamaEnv } from './ollama-env.ts';
export type { LaunchArgs, LaunchEnv } from './launch-types.ts';

/** Everything needed to start one server with one preset; `args` go after the executable or entrypoint. */
export interface ServerLaunch {
  kind: ServerKind;
  args: string[];
  /** The kind's variables with the server's `env` on top. */
  env: Record<string, string>;
  requestOptions: Record<string, number>;
  warnings: string[];
}

/** The launch for `server` with `preset`, dispatching on the server's kind. */
export function serverLaunch(preset: ResolvedPreset, server: ServerConfig): ServerLaunch {
  const base = launchForKind(preset, server);
  const env: Record<string, string> = { ...base.env };
  const warnings = [...preset.warnings, ...base.warnings];
  for (const [name, value] of Object.entries(server.env)) {
    if (env[name] !== undefined && env[name] !== value) {
      warnings.push(`server env ${name}=${value} replaces the preset's ${name}=${env[name]}`);
    }
    env[name] = value;
  }
  return { kind: server.kind, args: base.args, env, requestOptions: base.requestOptions, warnings };
}

function launchForKind(preset: ResolvedPreset, server: ServerConfig): LaunchArgs & LaunchEnv {
  switch (server.kind) {
    case 'llama.cpp':
      return { ...llamaServerArgs(preset, server), env: {}, requestOptions: {} };
    case 'vllm':
      return { ...vllmArgs(preset, server), env: {}, requestOptions: {} };
    case 'ollama':
      return { ...ollamaEnv(preset, server), args: [] };
    case 'openai':
      return { ...openaiArgs(preset, server), env: {}, requestOptions: {} };
  }
}

/** An unknown OpenAI-compatible server: only the extra arguments pass through. */
function openaiArgs(preset: ResolvedPreset, server: ServerConfig): LaunchArgs {
  const warnings = ignoredKeysWarning(
    'openai',
    preset,
    [
      ...[
        'parallelSlots',
        'threadsGen',
        'threadsBatch',
        'threadsHttp',
        'batchSize',
        'ubatchSize',
        'ctxPerSlot',
      ],
      ...['gpuLayers', 'flashAttn', 'cacheTypeK', 'cacheTypeV', 'contBatching'],
      ...VLLM_ONLY_KEYS,
      ...OLLAMA_ONLY_KEYS,
    ] as const,
    'an unknown OpenAI-compatible server has no known flags; put its own in extra_args',
  );
  return { args: [...preset.extraArgs, ...server.extraArgs], warnings };
}
