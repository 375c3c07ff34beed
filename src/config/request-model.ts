// The model name requests carry when none is given: vLLM, Ollama and OpenAI-compatible servers answer 404 for a
// model they do not serve, so theirs is sent; llama-server serves whatever it loaded, so the profiles' default.
import { PROFILE_DEFAULTS } from '../../profiles/lib/defaults.ts';
import { isGeneratedModel } from './model-source.ts';
import type { ServerConfig } from './types.ts';

/** The model requests to `server` name when the user named none. */
export function requestModel(server: Pick<ServerConfig, 'kind' | 'model'>): string {
  const named = server.kind === 'vllm' || server.kind === 'ollama' || server.kind === 'openai';
  return named && server.model !== undefined && !isGeneratedModel(server.model)
    ? server.model
    : PROFILE_DEFAULTS.MODEL;
}
