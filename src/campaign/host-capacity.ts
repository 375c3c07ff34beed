// The facts the planner checks cells against, read on the server's host: its memory (RAM from /proc/meminfo,
// or VRAM when nvidia-smi reports a GPU), its online CPUs, the model file's size and its KV cache per token
// (from the model's GGUF header when the file is on this machine).
import { stat } from 'node:fs/promises';
import { isGeneratedModel } from '../config/model-source.ts';
import type { ServerConfig } from '../config/types.ts';
import { parseCpuList } from '../diagnose/host/cpu-list.ts';
import { parseMeminfo } from '../diagnose/host/meminfo.ts';
import type { RemoteSession } from '../remote/session.ts';
import { tinyModelPath } from '../tiny-model/tiny-llama.ts';
import { kvBytesPerToken as ggufKvBytesPerToken, readGgufShape } from './read-gguf-shape.ts';
import type { HostCapacity } from './check-cell-fit.ts';

/** A 7B-class model with grouped-query attention at f16: 32 layers x 8 KV heads x 128 dims x K and V x 2 bytes. */
export const DEFAULT_KV_BYTES_PER_TOKEN = 32 * 8 * 128 * 2 * 2;

/** The model side of the memory estimate, with what was assumed. */
export interface ModelFacts {
  modelBytes: number;
  kvBytesPerToken: number;
  notes: string[];
}

/** Reads the host's memory and CPUs over `session`. */
export async function readHostCapacity(session: RemoteSession): Promise<HostCapacity> {
  const meminfo = await session.exec(['cat', '/proc/meminfo'], { timeoutMs: 10_000 });
  const ram = parseMeminfo(meminfo.stdout.split('\n')).get('MemTotal') ?? 0;
  const online = await session.exec(['cat', '/sys/devices/system/cpu/online'], { timeoutMs: 10_000 });
  const cpus = online.code === 0 ? parseCpuList(online.stdout.trim()).length : 1;
  const vram = await readNvidiaVram(session);
  return vram === undefined
    ? { memoryBytes: ram, memoryKind: 'RAM', cpus }
    : { memoryBytes: vram, memoryKind: 'VRAM', cpus };
}

// The sum of every NVIDIA GPU's memory, or undefined without nvidia-smi (a missing tool is no error).
async function readNvidiaVram(session: RemoteSession): Promise<number | undefined> {
  try {
    const result = await session.exec(
      ['nvidia-smi', '--query-gpu=memory.total', '--format=csv,noheader,nounits'],
      { timeoutMs: 10_000 },
    );
    if (result.code !== 0) return undefined;
    const mib = result.stdout
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((n) => Number.isFinite(n) && n > 0);
    return mib.length === 0 ? undefined : mib.reduce((a, b) => a + b, 0) * 1024 * 1024;
  } catch {
    return undefined;
  }
}

/**
 * The model file's size and KV bytes per token: read from the GGUF header when the file is on this machine (the
 * generated model, or a path under runtime process on host local), else the spec's or a 7B-class default.
 */
export async function readModelFacts(
  server: ServerConfig,
  session: RemoteSession,
  kvBytesPerToken: number | undefined,
): Promise<ModelFacts> {
  const notes: string[] = [];
  const path = isGeneratedModel(server.model) ? tinyModelPath() : server.model;
  const here = isGeneratedModel(server.model) || (server.host === 'local' && server.runtime === 'process');
  let modelBytes = 0;
  let kv = kvBytesPerToken;
  if (isGeneratedModel(server.model)) {
    // Generated here (and copied where it runs): read on this machine, whatever the runtime.
    modelBytes = await stat(tinyModelPath()).then(
      (st) => st.size,
      () => 0,
    );
  } else if (path !== undefined && path.startsWith('/') && server.runtime === 'process') {
    const result = await session.exec(['stat', '-c', '%s', path], { timeoutMs: 10_000 });
    if (result.code === 0) modelBytes = Number(result.stdout.trim()) || 0;
  }
  if (kv === undefined && here && modelBytes > 0 && path !== undefined) {
    const shape = await readGgufShape(path).catch(() => undefined);
    if (shape) kv = ggufKvBytesPerToken(shape);
  }
  if (modelBytes === 0)
    notes.push(`the model file's size is not known here (${server.model ?? 'no model'}): it is not counted`);
  if (kv === undefined)
    notes.push(
      `KV cache assumed at ${DEFAULT_KV_BYTES_PER_TOKEN} bytes per token (a 7B-class model); set memory.kv_bytes_per_token in the spec`,
    );
  return { modelBytes, kvBytesPerToken: kv ?? DEFAULT_KV_BYTES_PER_TOKEN, notes };
}
