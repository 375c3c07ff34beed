/** Settings of one llama-server instance, in llama.cpp's own terms. */
export interface LlamaServerSettings {
  model: string;
  host: string;
  port: number;
  slots: number;
  threads: number;
  threadsBatch?: number;
  ctxPerSlot: number;
  extraArgs?: string[];
}

/** The llama-server argument vector: metrics on, slots fixed, context = ctxPerSlot x slots. */
export function buildLlamaArgs(s: LlamaServerSettings): string[] {
  return [
    '--model',
    s.model,
    '--host',
    s.host,
    '--port',
    String(s.port),
    '--parallel',
    String(s.slots),
    '--threads',
    String(s.threads),
    '--threads-batch',
    String(s.threadsBatch ?? s.threads),
    '--ctx-size',
    String(s.ctxPerSlot * s.slots),
    '--metrics',
    '--slots',
    ...(s.extraArgs ?? []),
  ];
}
