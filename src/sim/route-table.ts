// Which routes each persona serves: llama.cpp's sim answers every API (as before); vLLM and Ollama only theirs.
import { llamacppRoutes } from './llamacpp-routes.ts';
import { ollamaPullRoutes } from './ollama-pull-routes.ts';
import { ollamaRoutes } from './ollama-routes.ts';
import { openAiRoutes } from './openai-routes.ts';
import type { Persona } from './options.ts';
import type { Route } from './route.ts';
import { vllmRoutes } from './vllm-routes.ts';

/** The OpenAI routes under /v1 only, as vLLM and Ollama serve them. */
const OPENAI_V1: readonly Route[] = openAiRoutes.map((route) => ({
  ...route,
  paths: route.paths.filter((path) => path.startsWith('/v1/')),
}));

const PERSONA_ROUTES: Record<Persona, readonly Route[]> = {
  llamacpp: [...llamacppRoutes, ...openAiRoutes, ...ollamaRoutes],
  vllm: [...vllmRoutes, ...OPENAI_V1],
  ollama: [...ollamaRoutes, ...ollamaPullRoutes, ...OPENAI_V1],
};

/** The routes `persona` serves, by path. */
export function createRouteTable(persona: Persona): Map<string, Route> {
  return new Map(PERSONA_ROUTES[persona].flatMap((route) => route.paths.map((path) => [path, route])));
}
