// A persona's launch: the real server's command line and environment, turned into simulator options.
import { UserError } from '../util/errors.ts';
import { parseOllamaLaunch } from './ollama-environment.ts';
import { PERSONAS, type Persona, type SimOptionsInput } from './options.ts';
import { parseVllmCommandLine } from './vllm-command-line.ts';

export interface PersonaLaunch {
  readonly options: SimOptionsInput;
  /** What was accepted but changes nothing here, and what was ignored: printed at start. */
  readonly notes: readonly string[];
}

/** Checks a persona name, listing the valid ones. */
export function parsePersona(name: string): Persona {
  const persona = PERSONAS.find((p) => p === name);
  if (!persona) throw new UserError(`--as: expected one of ${PERSONAS.join(', ')}, got '${name}'`);
  return persona;
}

/** vLLM: argv is what follows `vllm serve`; Ollama: argv is `serve`, settings come from env. */
export function resolvePersonaLaunch(
  persona: Exclude<Persona, 'llamacpp'>,
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): PersonaLaunch {
  return persona === 'vllm' ? parseVllmCommandLine(argv, env) : parseOllamaLaunch(argv, env);
}
