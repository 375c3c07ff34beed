import type { Command } from 'commander';
import { intOption } from '../util/parse-number.ts';
import { startLocal } from '../local/start.ts';
import { stopLocal } from '../local/stop.ts';
import { streamChat } from '../client/stream-chat.ts';
import { formatDemoResult } from '../client/format-demo.ts';
import { UserError } from '../util/errors.ts';

/** `inferload demo`: the main job on the local default target, no host configured. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('start the local llama-server and measure a streamed chat completion')
    .option('--max-tokens <n>', 'tokens to generate', intOption('--max-tokens', 1, 4096), 64)
    .option('--requests <n>', 'requests to send one after another', intOption('--requests', 1, 100), 3)
    .option('--keep', 'leave the local server running afterwards')
    .action(async (opts: { maxTokens: number; requests: number; keep?: boolean }) => {
      const started = await startLocal({
        slots: 4,
        threads: 2,
        ctxPerSlot: 1024,
        backend: 'auto',
        log: (l) => console.error(l),
      });
      if (started.fallbackReason)
        console.log(`note: llama-server cannot run here (${started.fallbackReason}); using the simulator`);
      console.log(`target: ${started.state.kind} at ${started.state.url}`);
      try {
        for (let i = 1; i <= opts.requests; i += 1) {
          const result = await streamChat({
            baseUrl: started.state.url,
            prompt: 'write a short story about a cat and a dog who live in a small house',
            maxTokens: opts.maxTokens,
            ignoreEos: true,
          });
          if (result.status !== 200)
            throw new UserError(`request ${i}: HTTP ${result.status}: ${result.text.slice(0, 200)}`);
          console.log(formatDemoResult(i, result));
        }
      } finally {
        if (!opts.keep && !started.alreadyRunning) console.error((await stopLocal()).message);
      }
    });
}
