// A sweep spec (config/sweeps/<name>.yaml) after validation: the factors to cross, how long a cell lasts, and
// what "best" means. The reader (read-sweep-spec.ts) builds it; the planner and the runner read it.
import type { PresetValues } from '../config/types.ts';
import type { FactorValue } from './types.ts';

/** One value of a server factor: as written in the spec, and as the preset values it becomes. */
export interface ServerFactorLevel {
  value: FactorValue;
  preset: PresetValues;
}

/** A server factor: its name in the spec, the preset key it sets, and its values in the spec's order. */
export interface ServerFactor {
  name: string;
  presetKey: string;
  levels: ServerFactorLevel[];
}

/** The load factors the runner knows, as spec keys. */
export const LOAD_FACTOR_NAMES = ['concurrency', 'rate', 'max_tokens', 'prompts'] as const;
export type LoadFactorName = (typeof LOAD_FACTOR_NAMES)[number];

export interface LoadFactor {
  name: LoadFactorName;
  values: FactorValue[];
}

/** What the memory check assumes (memory estimate per instance = model file + KV per slot x slots + overhead). */
export interface MemoryModel {
  /** KV cache bytes per token of context; undefined: read from the model, else a 7B-class default. */
  kvBytesPerToken?: number;
  overheadBytes: number;
}

export interface SweepSpec {
  /** The spec file as messages show it, its name (file name without .yaml) and its text. */
  path: string;
  name: string;
  text: string;
  /** A server in the config (SERVER= overrides it). */
  server?: string;
  basePreset?: string;
  serverFactors: ServerFactor[];
  loadFactors: LoadFactor[];
  /** Preset values every server cell gets (the proxy settings for `instances`). */
  fixedPreset: PresetValues;
  warmupRequests: number;
  repetitions: number;
  /** Seconds of load per cell. */
  durationSeconds: number;
  /** Requests per cell, when the spec asked for a count (rate cells only: duration = requests / rate). */
  requests?: number;
  objective?: string;
  /** The profile contract's API, MODEL and STREAM for every cell. */
  api: string;
  /** Unset: the server's model for vLLM, Ollama and OpenAI-compatible servers (they check it), else `default`. */
  model?: string;
  stream: boolean;
  memory: MemoryModel;
}
