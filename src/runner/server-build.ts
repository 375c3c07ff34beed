// The server's own build, asked once before the load: llama.cpp's /props build_info, vLLM's /version,
// Ollama's /api/version. Recorded in meta.json so every run says what it measured.
import { serverBase } from '../util/server-origin.ts';
import { httpGetJson } from '../util/http-get.ts';

const SOURCES: { path: string; read(json: Record<string, unknown>): unknown }[] = [
  { path: '/props', read: (j) => j['build_info'] },
  {
    path: '/version',
    read: (j) => (j['version'] === undefined ? undefined : `vllm ${String(j['version'])}`),
  },
  {
    path: '/api/version',
    read: (j) => (j['version'] === undefined ? undefined : `ollama ${String(j['version'])}`),
  },
];

/** The build string, or undefined when the server says none (an OpenAI-compatible proxy, say). */
export async function fetchServerBuild(targetUrl: string, timeoutMs = 2000): Promise<string | undefined> {
  const base = serverBase(targetUrl);
  for (const source of SOURCES) {
    try {
      const build = source.read(
        (await httpGetJson(base + source.path, timeoutMs)) as Record<string, unknown>,
      );
      if (typeof build === 'string' && build !== '') return build;
    } catch {
      // not this server's API
    }
  }
  return undefined;
}
