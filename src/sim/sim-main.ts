// The simulator images' program (bundled to /sim.js): `node /sim.js --as vllm [vLLM's flags]`, `--as ollama serve`.
import { UserError } from '../util/errors.ts';
import { parsePersona, resolvePersonaLaunch } from './persona-launch.ts';
import { serveUntilSignal } from './serve-until-signal.ts';
import { startSim } from './server.ts';

/** Splits `--as NAME` (or `--as=NAME`) off the front of argv. */
function splitPersona(argv: readonly string[]): { name: string; rest: readonly string[] } {
  const [first = '', ...after] = argv;
  if (first.startsWith('--as=')) return { name: first.slice('--as='.length), rest: after };
  if (first === '--as') return { name: after[0] ?? '', rest: after.slice(1) };
  throw new UserError('usage: sim.js --as vllm [vllm serve arguments] | --as ollama serve');
}

async function main(argv: readonly string[]): Promise<number> {
  const { name, rest } = splitPersona(argv);
  const persona = parsePersona(name);
  if (persona === 'llamacpp')
    throw new UserError('sim.js serves --as vllm or --as ollama; use `inferload sim` for llama.cpp');
  const launch = resolvePersonaLaunch(persona, rest, process.env);
  for (const note of launch.notes) console.error(`note: ${note}`);
  const sim = await startSim(launch.options);
  console.log(`inferload sim (${persona}) listening on ${sim.url}`);
  const end = await serveUntilSignal(sim);
  if (end === 'crash') throw new UserError('simulated crash', 1);
  console.log(`inferload sim stopped (${end})`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = error instanceof UserError ? error.exitCode : 1;
  },
);
