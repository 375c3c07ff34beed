import type { Command } from 'commander';
import { intOption } from '../util/parse-number.ts';
import { UserError } from '../util/errors.ts';
import { startLocal } from '../local/start.ts';
import { stopLocal } from '../local/stop.ts';
import { localStatus } from '../local/status.ts';
import { installLlamaServer } from '../local/llama-install.ts';
import { ensureTinyModel } from '../tiny-model/tiny-llama.ts';

const BACKENDS = ['auto', 'llama-server', 'sim'] as const;

/** `inferload local setup|start|stop|status`: the local target on this machine. */
export function registerLocal(program: Command): void {
  const local = program.command('local').description('the local target: llama-server on a generated model');

  local
    .command('setup')
    .description('install llama-server privately under .cache/ and generate the tiny model')
    .option('--force', 'download and unpack again')
    .action(async (opts: { force?: boolean }) => {
      const installed = await installLlamaServer({
        force: opts.force ?? false,
        onProgress: (l) => console.error(l),
      });
      if (!installed.ok)
        throw new UserError(`llama-server cannot run here: ${installed.reason}; the simulator stands in`, 10);
      const model = await ensureTinyModel();
      console.log(`llama-server: ${installed.launcher} (CPU backend ${installed.backend})`);
      console.log(`model: ${model}`);
    });

  local
    .command('start')
    .description('start the local target on a free loopback port and wait for /health')
    .option('--slots <n>', 'parallel slots (-np)', intOption('--slots', 1, 256), 4)
    .option('--threads <n>', 'generation threads (-t)', intOption('--threads', 1, 1024), 2)
    .option('--ctx-per-slot <n>', 'context tokens per slot', intOption('--ctx-per-slot', 64, 1 << 20), 1024)
    .option('--port <n>', 'port (default: a free one)', intOption('--port', 1, 65535))
    .option('--backend <name>', `one of ${BACKENDS.join(', ')}`, 'auto')
    .option('--model <path>', 'a GGUF model (default: the generated tiny model)')
    .action(
      async (opts: {
        slots: number;
        threads: number;
        ctxPerSlot: number;
        port?: number;
        backend: string;
        model?: string;
      }) => {
        const backend = BACKENDS.find((b) => b === opts.backend);
        if (!backend)
          throw new UserError(`--backend: expected one of ${BACKENDS.join(', ')}, got '${opts.backend}'`);
        const result = await startLocal({ ...opts, backend, log: (l) => console.error(l) });
        if (result.fallbackReason)
          console.error(`llama-server cannot run here (${result.fallbackReason}): using the simulator`);
        const verb = result.alreadyRunning ? 'already running' : 'ready';
        console.log(
          `${result.state.kind} ${verb}: ${result.state.url} (pid ${result.state.pid}, ${result.state.slots} slots)`,
        );
      },
    );

  local
    .command('stop')
    .description('stop the local target started by `local start` (that pid only)')
    .action(async () => console.log((await stopLocal()).message));

  local
    .command('status')
    .description('show the local target')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const status = await localStatus();
      if (opts.json) console.log(JSON.stringify(status, null, 2));
      else if (!status.state) console.log('no local server recorded');
      else {
        const s = status.state;
        const health = status.alive ? (status.healthy ? 'healthy' : 'not healthy') : 'not running';
        console.log(
          `${s.kind} pid ${s.pid} ${s.url}: ${health}; ${s.slots} slots, ${s.threads} threads; log ${s.logFile}`,
        );
      }
      if (!status.healthy) process.exitCode = 1;
    });
}
