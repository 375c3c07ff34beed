// Server factor names as preset keys: the preset keys this build knows (read at run time, so keys deploy adds
// are factors at once), plus the names vLLM and Ollama users know them by.
import { PRESET_FILE_KEY_NAMES } from '../config/preset-keys.ts';

/** The aliases: vLLM's and Ollama's names for llama.cpp's keys, used when the name itself is no key. */
export const FACTOR_ALIASES: Readonly<Record<string, string>> = {
  max_num_seqs: 'parallel_slots',
  num_parallel: 'parallel_slots',
  max_num_batched_tokens: 'batch_size',
};

/** The preset keys a server factor may name. */
export function presetKeyNames(): readonly string[] {
  return PRESET_FILE_KEY_NAMES;
}

/** The preset key a factor name sets, or undefined when it names none. */
export function resolveFactorKey(name: string): string | undefined {
  const keys = presetKeyNames();
  if (keys.includes(name)) return name;
  const alias = FACTOR_ALIASES[name];
  return alias !== undefined && keys.includes(alias) ? alias : undefined;
}

/** The preset key a proxy setting (`balance`, `keepalive`, `read_timeout`, ...) is passed through as. */
export function resolveProxyKey(name: string): { key?: string; tried: string[] } {
  const tried = [name, `proxy_${name}`, `nginx_${name}`];
  const key = tried.find((candidate) => presetKeyNames().includes(candidate));
  return { ...(key === undefined ? {} : { key }), tried };
}
