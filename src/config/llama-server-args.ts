// A resolved preset as llama-server flags (flag names per the tools/server README, 2026).
import {
  ignoredKeysWarning,
  OLLAMA_ONLY_KEYS,
  repeatedFlagWarnings,
  VLLM_ONLY_KEYS,
  type LaunchArgs,
} from './launch-types.ts';
import { resolveModelPath } from './model-source.ts';
import type { ResolvedPreset, ServerConfig } from './types.ts';

// Flags set below, with their short forms, so extra_args repeating one can be pointed out.
const OWN_FLAGS = [
  ...['-m', '--model', '--host', '--port', '-np', '--parallel', '-t', '--threads', '-tb', '--threads-batch'],
  ...[
    '--threads-http',
    '-b',
    '--batch-size',
    '-ub',
    '--ubatch-size',
    '-c',
    '--ctx-size',
    '-ngl',
    '--gpu-layers',
  ],
  ...[
    '--n-gpu-layers',
    '-fa',
    '--flash-attn',
    '-ctk',
    '--cache-type-k',
    '-ctv',
    '--cache-type-v',
    '-cb',
    '-nocb',
  ],
  ...['--cont-batching', '--no-cont-batching'],
];

/** llama-server's argv: context = ctx_per_slot x slots, metrics on, the preset's then the server's extra args. */
export function llamaServerArgs(preset: ResolvedPreset, server: ServerConfig): LaunchArgs {
  const args: string[] = [];
  const add = (flag: string, value: string | number | undefined): void => {
    if (value !== undefined) args.push(flag, String(value));
  };
  add('--model', server.model === undefined ? undefined : resolveModelPath(server.model));
  add('--host', server.listenAddress);
  add('--port', server.port);
  add('--parallel', preset.parallelSlots);
  // Always explicit: the default thread count ignores the container's cpuset (ollama#17916, server-ops.md §1).
  add('--threads', preset.threadsGen);
  add('--threads-batch', preset.threadsBatch);
  add('--threads-http', preset.threadsHttp);
  add('--batch-size', preset.batchSize);
  add('--ubatch-size', preset.ubatchSize);
  add('--ctx-size', preset.ctxSize);
  add('--n-gpu-layers', preset.gpuLayers);
  // New builds take on|off|auto; old ones only a bare -fa, which this does not support.
  add('--flash-attn', preset.flashAttn);
  add('--cache-type-k', preset.cacheTypeK);
  add('--cache-type-v', preset.cacheTypeV);
  args.push(preset.contBatching ? '--cont-batching' : '--no-cont-batching');
  args.push('--metrics');
  const extra = [...preset.extraArgs, ...server.extraArgs];
  args.push(...extra);
  const warnings = [
    ...repeatedFlagWarnings(extra, OWN_FLAGS),
    ...ignoredKeysWarning(
      'llama.cpp',
      preset,
      [...VLLM_ONLY_KEYS, ...OLLAMA_ONLY_KEYS],
      'they are vLLM or Ollama settings (scale llama.cpp with instances)',
    ),
  ];
  if (server.model === undefined) warnings.push('no model is set; llama-server needs --model in extra_args');
  return { args, warnings };
}
