import type { Command } from 'commander';
import { intOption } from '../util/parse-number.ts';
import { startLocal } from '../local/start.ts';
import { stopLocal } from '../local/stop.ts';
import { streamChat } from '../demo-chat/stream-chat.ts';
import { formatDemoResult } from '../demo-chat/format-demo.ts';
import { UserError } from '../util/errors.ts';
import { runLoad } from '../runner/run-load.ts';
import {
  defaultProfileFlags,
  failUnlessPassed,
  loadRequestFrom,
  printRunEnd,
} from './options/profile-options.ts';
import { writeReport } from '../report/write-report.ts';

/** `inferload demo`: the main job on the local default target, no host configured. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'start the local llama-server, check one streamed chat, then run the light profile against it',
    )
    .option('--max-tokens <n>', 'tokens to generate per request', intOption('--max-tokens', 1, 4096), 64)
    .option('--time-scale <x>', 'scale of the light profile (0.1: about 30 s)', '0.1')
    .option('--check-only', 'only the single streamed request, no load profile')
    .option('--keep', 'leave the local server running afterwards')
    .action(async (opts: { maxTokens: number; timeScale: string; checkOnly?: boolean; keep?: boolean }) => {
      const started = await startLocal({
        slots: 4,
        threads: 2,
        ctxPerSlot: 2048,
        backend: 'auto',
        log: (l) => console.error(l),
      });
      if (started.fallbackReason)
        console.log(`note: llama-server cannot run here (${started.fallbackReason}); using the simulator`);
      console.log(`target: ${started.state.kind} at ${started.state.url}`);
      try {
        const result = await streamChat({
          baseUrl: started.state.url,
          prompt: 'write a short story about a cat and a dog who live in a small house',
          maxTokens: opts.maxTokens,
          ignoreEos: true,
        });
        if (result.status !== 200)
          throw new UserError(`streamed chat: HTTP ${result.status}: ${result.text.slice(0, 200)}`);
        console.log(formatDemoResult(1, result));
        if (opts.checkOnly) return;
        console.log(`light profile at TIME_SCALE=${opts.timeScale} against ${started.state.url}:`);
        const flags = defaultProfileFlags({ maxTokens: String(opts.maxTokens), timeScale: opts.timeScale });
        const run = await runLoad(loadRequestFrom('light', started.state.url, flags));
        printRunEnd(run);
        console.log(`report: ${(await writeReport(run.files)).html}`);
        failUnlessPassed(run);
      } finally {
        if (!opts.keep && !started.alreadyRunning) console.error((await stopLocal()).message);
      }
    });
}
