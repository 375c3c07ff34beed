import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { intOption } from '../util/parse-number.ts';
import { UserError } from '../util/errors.ts';
import { watchInterrupts } from '../runner/interrupts.ts';
import { runTest } from '../engine/run/run-test.ts';
import { EXIT_INVALID_CONFIG } from '../engine/exit-codes.ts';
import { systemEnv } from '../util/system-env.ts';

function collectPair(flag: string) {
  return (value: string, previous: Record<string, string>): Record<string, string> => {
    const eq = value.indexOf('=');
    if (eq <= 0) throw new UserError(`${flag}: expected KEY=VALUE, got '${value}'`, EXIT_INVALID_CONFIG);
    return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
  };
}

function splitList(value: string | undefined): string[] {
  return (value ?? '').split(',').filter((item) => item.trim() !== '');
}

function collectList(value: string, previous: string[]): string[] {
  return [...previous, value];
}

interface K6RunFlags {
  env: Record<string, string>;
  tag: Record<string, string>;
  vus?: number;
  duration?: string;
  iterations?: number;
  stage: string[];
  executionSegment?: string;
  executionSegmentSequence?: string;
  summaryExport?: string;
  out: string[];
  quiet?: boolean;
  thresholds: boolean;
  summaryTrendStats?: string;
  includeSystemEnvVars: boolean;
  paused?: boolean;
  address?: string;
}

/** `inferload k6 run`: k6's command line for the flags inferload uses, on the embedded engine. */
export function registerK6(program: Command): void {
  const k6 = program.command('k6').description("k6-compatible commands on inferload's embedded engine");
  k6.command('run')
    .description('run a k6 script (JS or TS) on the embedded engine, with k6 semantics and exit codes')
    .argument('<script>', 'the script, e.g. dist/k6/light.js')
    .option(
      '-e, --env <KEY=VALUE>',
      'add an environment variable for __ENV (repeatable)',
      collectPair('--env'),
      {},
    )
    .option('--tag <NAME=VALUE>', 'add a tag to every sample (repeatable)', collectPair('--tag'), {})
    .option('-u, --vus <n>', 'number of virtual users', intOption('--vus', 0))
    .option('-d, --duration <duration>', 'test duration, e.g. 30s, 5m')
    .option('-i, --iterations <n>', 'total iterations, shared by the VUs', intOption('--iterations', 1))
    .option('-s, --stage <DURATION:TARGET>', 'a ramping stage (repeatable)', collectList, [])
    .option('--execution-segment <FROM:TO>', "this instance's share of the test, e.g. 1/3:2/3")
    .option('--execution-segment-sequence <POINTS>', 'all parts of the split, e.g. 0,1/3,2/3,1')
    .option(
      '--summary-export <file>',
      'write the end-of-test summary JSON in k6 format (or K6_SUMMARY_EXPORT)',
    )
    .option(
      '-o, --out <output>',
      'an output, only json=FILE is supported (repeatable; or K6_OUT)',
      collectList,
      [],
    )
    .option('-q, --quiet', 'no progress line and no text summary')
    .option('--no-thresholds', "don't evaluate thresholds")
    .option('--summary-trend-stats <stats>', 'comma-separated trend stats, e.g. avg,p(95),p(99)')
    .option('--no-include-system-env-vars', "don't pass the process environment to __ENV")
    .option('-p, --paused', 'start paused: VUs initialized, waiting for PATCH /v1/status {"paused": false}')
    .option(
      '-a, --address <host:port>',
      'serve the REST API (GET/PATCH /v1/status) here; with --paused and no address, localhost:6565 as k6',
    )
    .action(async (script: string, flags: K6RunFlags) => {
      // k6's config layers: a flag wins over its K6_* variable (K6_OUT is a comma-separated list).
      const outs = flags.out.length > 0 ? flags.out : splitList(process.env['K6_OUT']);
      const summaryExport = flags.summaryExport ?? (process.env['K6_SUMMARY_EXPORT'] || undefined);
      let jsonOut: string | undefined;
      for (const out of outs) {
        if (!out.startsWith('json=')) {
          throw new UserError(
            `--out ${out}: only json=FILE is supported by the embedded engine`,
            EXIT_INVALID_CONFIG,
          );
        }
        jsonOut = out.slice('json='.length);
      }
      const stages = flags.stage.map((text) => {
        const [duration, target] = text.split(':');
        if (!duration || target === undefined || !/^\d+$/.test(target)) {
          throw new UserError(`--stage: expected DURATION:TARGET, got '${text}'`, EXIT_INVALID_CONFIG);
        }
        return { duration, target: Number(target) };
      });
      const base = flags.includeSystemEnvVars ? systemEnv() : {};
      const interrupts = watchInterrupts((line) => console.error(line));
      try {
        const result = await runTest({
          scriptPath: script,
          env: { ...base, ...flags.env },
          tags: flags.tag,
          cli: {
            ...(flags.vus !== undefined ? { vus: flags.vus } : {}),
            ...(flags.duration !== undefined ? { duration: flags.duration } : {}),
            ...(flags.iterations !== undefined ? { iterations: flags.iterations } : {}),
            ...(stages.length > 0 ? { stages } : {}),
            ...(flags.executionSegment !== undefined ? { executionSegment: flags.executionSegment } : {}),
            ...(flags.executionSegmentSequence !== undefined
              ? { executionSegmentSequence: flags.executionSegmentSequence }
              : {}),
          },
          ...(summaryExport ? { summaryExport } : {}),
          ...(jsonOut !== undefined ? { jsonOut } : {}),
          noThresholds: !flags.thresholds,
          ...(flags.summaryTrendStats ? { summaryTrendStats: flags.summaryTrendStats.split(',') } : {}),
          quiet: flags.quiet ?? false,
          signal: interrupts.signal,
          ...(flags.paused ? { paused: true } : {}),
          ...(flags.address !== undefined || flags.paused
            ? { address: flags.address ?? 'localhost:6565' }
            : {}),
          // A part of a distributed run started with port 0 is found by this line.
          onApiListening: (address) => console.log(`inferload: REST API listening on ${address}`),
        });
        if (result.reason) console.error(`inferload: ${result.reason}`);
        if (result.exitCode !== 0) throw new UserError(`exit code ${result.exitCode}`, result.exitCode);
      } finally {
        interrupts.dispose();
        // make bench reads the engine's own peak memory and CPU time from here.
        const usageFile = process.env['INFERLOAD_RUSAGE_FILE'];
        if (usageFile) writeFileSync(usageFile, JSON.stringify(process.resourceUsage()));
      }
    });
}
