import type { Command } from 'commander';
import { parseFaultRates } from '../sim/faults.ts';
import type { SimOptionsInput } from '../sim/options.ts';
import { parsePersona, resolvePersonaLaunch } from '../sim/persona-launch.ts';
import { serveUntilSignal } from '../sim/serve-until-signal.ts';
import { startSim, type RunningSim } from '../sim/server.ts';
import { UserError } from '../util/errors.ts';
import { intOption } from '../util/parse-number.ts';

const LOOPBACK_HOSTS = ['127.0.0.1', '::1', 'localhost'];

interface SimFlags {
  as?: string;
  port: number;
  host: string;
  seed?: number;
  slots?: number;
  ppRate?: number;
  decodeMs?: number;
  contention?: number;
  jitter?: number;
  maxTokens?: number;
  nCtx?: number;
  loadMs?: number;
  maxQueue?: number;
  model?: string;
  faultRate?: string;
  leakBytes?: number;
  slowdownMs?: number;
  unloadAfterMs?: number;
  reloadMs?: number;
  crashAfter?: number;
  batchApi?: boolean;
}

/** Commander's argParser for a non-negative decimal, failing with the option, the value and the range. */
function numberOption(option: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
      throw new UserError(`${option}: expected a number from ${min} to ${max}, got '${value}'`);
    }
    return n;
  };
}

function toSimOptions(flags: SimFlags): SimOptionsInput {
  return {
    host: flags.host,
    port: flags.port,
    seed: flags.seed,
    slots: flags.slots,
    promptTokensPerSecond: flags.ppRate,
    decodeMsPerToken: flags.decodeMs,
    contention: flags.contention,
    jitter: flags.jitter,
    maxTokensDefault: flags.maxTokens,
    nCtx: flags.nCtx,
    loadMs: flags.loadMs,
    maxQueue: flags.maxQueue,
    modelName: flags.model,
    leakBytesPerRequest: flags.leakBytes,
    slowdownMsPerRequest: flags.slowdownMs,
    unloadAfterIdleMs: flags.unloadAfterMs,
    reloadMs: flags.reloadMs,
    crashAfterRequests: flags.crashAfter,
    batchApi: flags.batchApi,
    ...(flags.faultRate === undefined ? {} : { faultRates: parseFaultRates(flags.faultRate) }),
  };
}

/** Options of ours that vLLM has too, with the same meaning: given on the command line, they go to vLLM's parser. */
const SHARED_WITH_VLLM = ['port', 'host', 'seed', 'model'] as const;

/** What vLLM or Ollama would have been given: our unknown options and arguments, plus the shared ones set. */
function personaArgv(flags: SimFlags, command: Command): string[] {
  const shared = SHARED_WITH_VLLM.filter((key) => command.getOptionValueSource(key) === 'cli');
  return [...command.args, ...shared.flatMap((key) => [`--${key}`, String(flags[key])])];
}

async function startWithFlags(flags: SimFlags, command: Command): Promise<RunningSim> {
  const persona = parsePersona(flags.as ?? 'llamacpp');
  if (persona === 'llamacpp') {
    if (command.args.length > 0) throw new UserError(`sim: unknown option or argument '${command.args[0]}'`);
    return startSim(toSimOptions(flags));
  }
  const launch = resolvePersonaLaunch(persona, personaArgv(flags, command), process.env);
  for (const note of launch.notes) console.error(`note: ${note}`);
  return startSim(launch.options);
}

/** `inferload sim`: a simulated llama-server / Ollama endpoint for tests and rehearsals, until SIGINT/SIGTERM. */
export function registerSim(program: Command): void {
  program
    .command('sim')
    .description(
      'serve a simulated llama-server and Ollama API (deterministic for a seed, with fault injection)',
    )
    .option(
      '--as <server>',
      "answer as llamacpp (default), vllm (then vLLM's flags follow) or ollama (then `serve`; OLLAMA_* env)",
    )
    .allowUnknownOption()
    .allowExcessArguments()
    .option('--port <n>', 'port (0 = a free one)', intOption('--port', 0, 65535), 8080)
    .option('--host <addr>', 'interface to bind (loopback unless you mean otherwise)', '127.0.0.1')
    .option(
      '--seed <n>',
      'seed for answer lengths, text, jitter and faults',
      intOption('--seed', 0, 0xffffffff),
    )
    .option('--slots <n>', 'parallel slots; more requests wait deferred', intOption('--slots', 1, 4096))
    .option('--pp-rate <tokens/s>', 'prompt processing rate per slot', numberOption('--pp-rate', 0.001, 1e9))
    .option('--decode-ms <ms>', 'decode step time with one busy slot', numberOption('--decode-ms', 0, 60_000))
    .option(
      '--contention <x>',
      'extra step time per extra busy slot (fraction)',
      numberOption('--contention', 0, 100),
    )
    .option('--jitter <x>', 'seeded timing jitter, 0.05 = ±5%', numberOption('--jitter', 0, 0.99))
    .option('--max-tokens <n>', 'token limit when a request sets none', intOption('--max-tokens', 0, 1 << 24))
    .option('--n-ctx <n>', 'context tokens per slot', intOption('--n-ctx', 1, 1 << 24))
    .option(
      '--load-ms <ms>',
      '/health answers 503 "Loading model" this long',
      intOption('--load-ms', 0, 86_400_000),
    )
    .option('--max-queue <n>', 'deferred requests before 503 (0 = unbounded)', intOption('--max-queue', 0))
    .option('--model <name>', 'model name to report')
    .option('--fault-rate <spec>', 'global fault probability: 0.05, or status=0.02,disconnect=0.01,...')
    .option(
      '--leak-bytes <n>',
      'bytes kept per answered generation (a memory leak)',
      intOption('--leak-bytes', 0, 1 << 30),
    )
    .option(
      '--slowdown-ms <ms>',
      'decode step time added per generation served',
      numberOption('--slowdown-ms', 0, 60_000),
    )
    .option(
      '--unload-after-ms <ms>',
      'unload the model after this idle time (0 = never)',
      intOption('--unload-after-ms', 0, 86_400_000),
    )
    .option(
      '--reload-ms <ms>',
      'load delay of the first request after an unload',
      intOption('--reload-ms', 0, 3_600_000),
    )
    .option('--crash-after <n>', 'exit after this many answered generations', intOption('--crash-after', 0))
    .option('--batch-api', 'serve the OpenAI Batch API (/v1/files, /v1/batches)')
    .action(async (flags: SimFlags, command: Command) => {
      const sim = await startWithFlags(flags, command).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE') throw new UserError(`the port is in use: pick another or pass 0`);
        throw error;
      });
      const o = sim.options;
      if (!LOOPBACK_HOSTS.includes(o.host))
        console.error(`warning: --host ${o.host} exposes the simulator beyond this machine`);
      console.log(`inferload sim listening on ${sim.url}`);
      console.log(
        `as ${o.persona}, model ${o.modelName}, ${o.slots} slots x ${o.dataParallel} replicas, ` +
          `tp ${o.tensorParallel} (s ${o.sequentialFraction}), pp ${o.pipelineParallel}, ` +
          `${o.promptTokensPerSecond} prompt tok/s, ${o.decodeMsPerToken} ms/token, seed ${o.seed}; Ctrl-C to stop`,
      );
      const end = await serveUntilSignal(sim);
      if (end === 'crash')
        throw new UserError(`simulated crash after ${o.crashAfterRequests} answered requests`, 1);
      console.log(`inferload sim stopped (${end})`);
    });
}
