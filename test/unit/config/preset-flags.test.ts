import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { llamaServerArgs, ollamaEnv, serverLaunch, vllmArgs } from '../../../src/config/preset-flags.ts';
import { tinyModelPath } from '../../../src/tiny-model/tiny-llama.ts';
import type { PresetKey, ResolvedPreset, ServerConfig } from '../../../src/config/types.ts';

function preset(overrides: Partial<ResolvedPreset> = {}): ResolvedPreset {
  const base: ResolvedPreset = {
    name: 'p',
    chain: ['p'],
    parallelSlots: 12,
    threadsGen: 16,
    threadsBatch: 12,
    threadsHttp: 8,
    batchSize: 2048,
    ubatchSize: 512,
    ctxPerSlot: 4096,
    ctxSize: 4096 * 12,
    gpuLayers: 'all',
    flashAttn: 'on',
    cacheTypeK: 'q8_0',
    cacheTypeV: 'q8_0',
    contBatching: true,
    extraArgs: [],
    instances: 1,
    proxy: false,
    proxyBalance: 'round_robin',
    proxyKeepalive: 32,
    proxyConnectTimeout: 5,
    proxyReadTimeout: 600,
    proxyRetry: true,
    setKeys: [],
    warnings: [],
  };
  const merged = { ...base, ...overrides };
  const setKeys = (Object.keys(merged) as (keyof ResolvedPreset)[]).filter(
    (k): k is PresetKey =>
      !['name', 'chain', 'ctxSize', 'setKeys', 'warnings', 'host', 'description'].includes(k),
  );
  return { ...merged, setKeys: overrides.setKeys ?? setKeys };
}

function server(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    name: 's',
    host: 'local',
    kind: 'llama.cpp',
    runtime: 'process',
    model: '/models/m.gguf',
    port: 8080,
    listenAddress: '127.0.0.1',
    baseUrl: 'http://127.0.0.1:8080',
    healthUrl: 'http://127.0.0.1:8080/health',
    extraArgs: [],
    env: {},
    devices: [],
    volumes: [],
    podmanArgs: [],
    ...overrides,
  };
}

/** The value after `flag` in an argv array. */
function valueOf(args: string[], flag: string): string | undefined {
  const index = args.indexOf(flag);
  return index < 0 ? undefined : args[index + 1];
}

describe('llamaServerArgs', () => {
  it('maps every preset key to its llama-server flag', () => {
    const { args, warnings } = llamaServerArgs(preset(), server());
    const expected: Record<string, string> = {
      '--model': '/models/m.gguf',
      '--host': '127.0.0.1',
      '--port': '8080',
      '--parallel': '12',
      '--threads': '16',
      '--threads-batch': '12',
      '--threads-http': '8',
      '--batch-size': '2048',
      '--ubatch-size': '512',
      '--ctx-size': String(4096 * 12),
      '--n-gpu-layers': 'all',
      '--flash-attn': 'on',
      '--cache-type-k': 'q8_0',
      '--cache-type-v': 'q8_0',
    };
    for (const [flag, value] of Object.entries(expected)) assert.equal(valueOf(args, flag), value, flag);
    assert.ok(args.includes('--cont-batching'));
    assert.ok(args.includes('--metrics'));
    assert.deepEqual(warnings, []);
  });

  it('leaves out flags for unset keys and turns continuous batching off when asked', () => {
    const p = preset({ contBatching: false });
    delete p.threadsHttp;
    delete p.gpuLayers;
    delete p.flashAttn;
    const { args } = llamaServerArgs(p, server());
    assert.ok(!args.includes('--threads-http'));
    assert.ok(!args.includes('--n-gpu-layers'));
    assert.ok(!args.includes('--flash-attn'));
    assert.ok(args.includes('--no-cont-batching'));
    assert.ok(!args.includes('--cont-batching'));
  });

  it('puts the preset extra args before the server ones and flags a repeated flag', () => {
    const { args, warnings } = llamaServerArgs(
      preset({ extraArgs: ['--mlock'] }),
      server({ extraArgs: ['--ctx-size=999', '--seed', '1'] }),
    );
    assert.deepEqual(args.slice(-4), ['--mlock', '--ctx-size=999', '--seed', '1']);
    assert.ok(
      warnings.some((w) => w.includes('--ctx-size again')),
      warnings.join('\n'),
    );
  });

  it('uses the generated tiny model path for generated:tiny', () => {
    const { args } = llamaServerArgs(preset(), server({ model: 'generated:tiny' }));
    assert.equal(valueOf(args, '--model'), tinyModelPath());
  });

  it('keeps hostile values as single argv elements, never joined into a shell string', () => {
    const hostile = ['8; rm -rf /', '$(reboot)', '`id`', `it's "quoted"`, 'a b\tc', '--x=$(y) && z'];
    const model = `/models/${hostile.join(' ')}.gguf`;
    const { args } = llamaServerArgs(
      preset({ extraArgs: hostile.slice(0, 3) }),
      server({ model, extraArgs: hostile.slice(3) }),
    );
    assert.equal(valueOf(args, '--model'), model);
    for (const value of hostile) assert.equal(args.filter((a) => a === value).length, 1, value);
    assert.ok(args.every((a) => typeof a === 'string'));
  });
});

describe('vllmArgs', () => {
  it('passes the model first and maps slots, context, batch and an 8-bit cache', () => {
    const { args, warnings } = vllmArgs(
      preset(),
      server({ kind: 'vllm', model: 'Qwen/Qwen2.5-7B', port: 8000, listenAddress: '0.0.0.0' }),
    );
    assert.equal(args[0], 'Qwen/Qwen2.5-7B');
    assert.ok(!args.includes('--model'), 'vllm serve refuses --model');
    assert.equal(valueOf(args, '--max-num-seqs'), '12');
    assert.equal(valueOf(args, '--max-model-len'), '4096');
    assert.equal(valueOf(args, '--max-num-batched-tokens'), '2048');
    assert.equal(valueOf(args, '--kv-cache-dtype'), 'fp8');
    assert.equal(valueOf(args, '--port'), '8000');
    const ignored = warnings.find((w) => w.startsWith('vllm ignores preset keys'));
    assert.ok(ignored, warnings.join('\n'));
    for (const key of [
      'threads_gen',
      'threads_batch',
      'threads_http',
      'ubatch_size',
      'gpu_layers',
      'flash_attn',
    ]) {
      assert.ok(ignored.includes(key), `${key} not named in: ${ignored}`);
    }
    assert.ok(warnings.some((w) => w.includes('q8_0')));
  });

  it('keeps hostile model paths as one positional element', () => {
    const model = '/m/$(reboot); rm -rf /';
    const { args } = vllmArgs(
      preset(),
      server({ kind: 'vllm', model, extraArgs: ['--served-model-name', 'a b'] }),
    );
    assert.equal(args[0], model);
    assert.deepEqual(args.slice(-2), ['--served-model-name', 'a b']);
  });

  it('passes no cache dtype for f16, and none for differing K and V', () => {
    assert.ok(
      !vllmArgs(preset({ cacheTypeK: 'f16', cacheTypeV: 'f16' }), server({ kind: 'vllm' })).args.includes(
        '--kv-cache-dtype',
      ),
    );
    const mixed = vllmArgs(preset({ cacheTypeK: 'q8_0', cacheTypeV: 'f16' }), server({ kind: 'vllm' }));
    assert.ok(!mixed.args.includes('--kv-cache-dtype'));
    assert.ok(mixed.warnings.some((w) => w.includes('differ')));
  });
});

describe('ollamaEnv', () => {
  it('sets the OLLAMA_* variables and lists the per-request options', () => {
    const { env, requestOptions, warnings } = ollamaEnv(
      preset({ gpuLayers: 40 }),
      server({ kind: 'ollama', port: 11434, listenAddress: '0.0.0.0' }),
    );
    assert.deepEqual(env, {
      OLLAMA_HOST: '0.0.0.0:11434',
      OLLAMA_NUM_PARALLEL: '12',
      OLLAMA_CONTEXT_LENGTH: '4096',
      OLLAMA_FLASH_ATTENTION: '1',
      OLLAMA_KV_CACHE_TYPE: 'q8_0',
    });
    assert.deepEqual(requestOptions, { num_thread: 16, num_batch: 2048, num_gpu: 40 });
    assert.ok(
      warnings.some((w) => w.includes('num_thread: 16') && w.includes('per request')),
      warnings.join('\n'),
    );
    const ignored = warnings.find((w) => w.startsWith('ollama ignores'));
    assert.ok(
      ignored?.includes('threads_batch') &&
        ignored.includes('threads_http') &&
        ignored.includes('ubatch_size'),
    );
  });

  it('refuses cache types Ollama lacks', () => {
    const { env, warnings } = ollamaEnv(
      preset({ cacheTypeK: 'q5_1', cacheTypeV: 'q5_1' }),
      server({ kind: 'ollama' }),
    );
    assert.equal(env['OLLAMA_KV_CACHE_TYPE'], undefined);
    assert.ok(warnings.some((w) => w.includes('no q5_1')));
  });
});

describe('serverLaunch', () => {
  it('lays the server env over the kind env, naming what it replaced', () => {
    const launch = serverLaunch(
      preset(),
      server({ kind: 'ollama', env: { OLLAMA_NUM_PARALLEL: '2', OLLAMA_KEEP_ALIVE: '24h' } }),
    );
    assert.equal(launch.env['OLLAMA_NUM_PARALLEL'], '2');
    assert.equal(launch.env['OLLAMA_KEEP_ALIVE'], '24h');
    assert.ok(launch.warnings.some((w) => w.includes('replaces')));
    assert.deepEqual(launch.args, []);
  });

  it('passes only extra args to an unknown OpenAI-compatible server and names the rest', () => {
    const launch = serverLaunch(
      preset({ extraArgs: ['--a'] }),
      server({ kind: 'openai', extraArgs: ['--b', 'x y'] }),
    );
    assert.deepEqual(launch.args, ['--a', '--b', 'x y']);
    const warning = launch.warnings.find((w) => w.startsWith('openai ignores'));
    assert.ok(warning?.includes('parallel_slots') && warning.includes('cache_type_v'), warning);
  });

  it('carries the preset warnings along', () => {
    const launch = serverLaunch(preset({ warnings: ['from the preset'] }), server());
    assert.deepEqual(launch.warnings, ['from the preset']);
  });
});

describe('parallelism and Ollama residency keys', () => {
  it('passes tensor, pipeline and data parallel and the GPU memory share to vLLM, and warns elsewhere', () => {
    const p = preset({ tensorParallel: 4, pipelineParallel: 2, dataParallel: 3, gpuMemoryUtilization: 0.85 });
    const { args } = vllmArgs(p, server({ kind: 'vllm', model: 'org/model' }));
    const flag = (name: string): string | undefined => args[args.indexOf(name) + 1];
    assert.deepEqual(
      [
        '--tensor-parallel-size',
        '--pipeline-parallel-size',
        '--data-parallel-size',
        '--gpu-memory-utilization',
      ].map(flag),
      ['4', '2', '3', '0.85'],
    );
    assert.equal(args[0], 'org/model', 'the model stays first, positional');
    const llama = llamaServerArgs(p, server());
    assert.ok(
      llama.warnings.some((w) => /llama\.cpp ignores preset keys tensor_parallel, pipeline_parallel/.test(w)),
    );
    assert.ok(!llama.args.includes('--tensor-parallel-size'));
    const ollama = ollamaEnv(p, server({ kind: 'ollama' }));
    assert.ok(ollama.warnings.some((w) => /ollama ignores preset keys tensor_parallel/.test(w)));
  });

  it('sets OLLAMA_KEEP_ALIVE and OLLAMA_MAX_LOADED_MODELS for Ollama only', () => {
    const p = preset({ keepAlive: '-1', maxLoadedModels: 2 });
    const { env } = ollamaEnv(p, server({ kind: 'ollama', model: 'qwen3:0.6b' }));
    assert.equal(env['OLLAMA_KEEP_ALIVE'], '-1');
    assert.equal(env['OLLAMA_MAX_LOADED_MODELS'], '2');
    const vllm = vllmArgs(p, server({ kind: 'vllm', model: 'org/model' }));
    assert.ok(vllm.warnings.some((w) => /vllm ignores preset keys keep_alive, max_loaded_models/.test(w)));
  });
});
