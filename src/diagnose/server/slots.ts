// llama-server's /slots and Ollama's /api/ps, reduced to busy slots and loaded models.
import type { ServerRecord } from '../diagnostics-record.ts';

/** Busy and total slots from /slots (an array of slots with is_processing). */
export function readSlots(json: unknown): { busySlots: number; totalSlots: number } | undefined {
  if (!Array.isArray(json)) return undefined;
  const busySlots = json.filter(
    (slot) => (slot as { is_processing?: unknown }).is_processing === true,
  ).length;
  return { busySlots, totalSlots: json.length };
}

interface OllamaModel {
  name?: unknown;
  model?: unknown;
  size?: unknown;
  size_vram?: unknown;
  expires_at?: unknown;
}

/** The models Ollama has loaded (/api/ps), with their VRAM and expiry. */
export function readOllamaPs(json: unknown): NonNullable<ServerRecord['loadedModels']> | undefined {
  const models = (json as { models?: unknown } | null)?.models;
  if (!Array.isArray(models)) return undefined;
  return models.map((m: OllamaModel) => ({
    name: String(m.name ?? m.model ?? '?'),
    vramBytes: typeof m.size_vram === 'number' ? m.size_vram : 0,
    sizeBytes: typeof m.size === 'number' ? m.size : 0,
    ...(typeof m.expires_at === 'string' ? { expiresAt: m.expires_at } : {}),
  }));
}
