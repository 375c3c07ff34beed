// `inferload batch-test`: back-to-back batches of an OpenAI Batch JSONL, judged for leaks, slowdowns, reloads.
import type { Command } from 'commander';
import { renderSummary } from '../batch/print-summary.ts';
import { runBatchTest } from '../batch/run-batch-test.ts';
import { DEFAULT_THRESHOLDS } from '../batch/stability-verdicts.ts';
import { UserError } from '../util/errors.ts';
import { intOption } from '../util/parse-number.ts';

interface BatchTestFlags {
  input: string;
  batches: number;
  target?: string;
  serverPid?: number;
  mode: 'auto' | 'client' | 'api';
  chunk: number;
  concurrency: number;
  retries: number;
  timeoutMs: number;
  pauseMs: number;
  loadThresholdMs: number;
  leakDeltaMb: number;
  leakSlopeMb: number;
  maxCv: number;
  fresh?: boolean;
}

const MB = 1024 ** 2;
const EXIT_FAILED = 98;

function numberOption(option: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max)
      throw new UserError(`${option}: expected a number from ${min} to ${max}, got '${value}'`);
    return n;
  };
}

function modeOption(value: string): BatchTestFlags['mode'] {
  if (value === 'auto' || value === 'client' || value === 'api') return value;
  throw new UserError(`--mode: expected one of auto, client, api, got '${value}'`);
}

export function registerBatchTest(program: Command): void {
  program
    .command('batch-test')
    .description(
      'run an OpenAI Batch JSONL as back-to-back batches; judge memory, speed, reloads and failures',
    )
    .requiredOption('--input <file>', 'OpenAI Batch JSONL (custom_id, method, url, body per line)')
    .option('--batches <n>', 'how many times the whole input is run', intOption('--batches', 1, 10_000), 3)
    .option('--target <url>', 'server base URL (default: the local target, started if needed)')
    .option(
      '--server-pid <pid>',
      "the server's pid on this machine, for its RSS",
      intOption('--server-pid', 1),
    )
    .option('--mode <mode>', "auto (the server's Batch API when it has one), client, api", modeOption, 'auto')
    .option('--chunk <n>', 'requests per chunk (results fsync-ed per chunk)', intOption('--chunk', 1), 100)
    .option('--concurrency <n>', 'requests in flight', intOption('--concurrency', 1, 4096), 8)
    .option(
      '--retries <n>',
      'retries of a retryable failure (refused, reset, 429, 502-504)',
      intOption('--retries', 0, 100),
      5,
    )
    .option('--timeout-ms <ms>', 'per-request timeout', intOption('--timeout-ms', 1), 600_000)
    .option('--pause-ms <ms>', 'idle time between batches', intOption('--pause-ms', 0), 0)
    .option(
      '--load-threshold-ms <ms>',
      'load_duration that counts as a model load',
      numberOption('--load-threshold-ms', 0, 1e9),
      500,
    )
    .option(
      '--leak-delta-mb <mb>',
      'RSS growth over the test that is a leak',
      numberOption('--leak-delta-mb', 0, 1e9),
      DEFAULT_THRESHOLDS.leakDeltaBytes / MB,
    )
    .option(
      '--leak-slope-mb <mb>',
      'RSS growth per batch, in every batch, that is a leak',
      numberOption('--leak-slope-mb', 0, 1e9),
      DEFAULT_THRESHOLDS.leakSlopeBytes / MB,
    )
    .option(
      '--max-cv <share>',
      'req/s coefficient of variation between batches',
      numberOption('--max-cv', 0, 10),
      DEFAULT_THRESHOLDS.maxThroughputCv,
    )
    .option('--fresh', 'start a new folder instead of resuming an unfinished one')
    .action(async (flags: BatchTestFlags) => {
      const summary = await runBatchTest({
        ...flags,
        fresh: flags.fresh ?? false,
        thresholds: {
          leakDeltaBytes: flags.leakDeltaMb * MB,
          leakSlopeBytes: flags.leakSlopeMb * MB,
          maxThroughputCv: flags.maxCv,
        },
        log: (line) => console.error(line),
      });
      console.log(renderSummary(summary));
      console.log(`report: ${summary.dir}/batch-report.html`);
      if (summary.failures.length > 0)
        throw new UserError(`batch test failed: ${summary.failures.join('; ')}`, EXIT_FAILED);
    });
}
