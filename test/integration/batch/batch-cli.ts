// Helpers: the batch-test verb as a process, a simulator as a process (its own pid, for RSS), summaries.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchSummary } from '../../../src/batch/batch-summary.ts';
import { projectRoot } from '../../../src/util/paths.ts';
import { runCli, type CliResult } from '../../helpers/run-cli.ts';

export const INPUT = join(projectRoot, 'test/fixtures/batch/chat-30.jsonl');

export function runBatchCli(args: string[], benchmarks: string, timeoutMs = 120_000): Promise<CliResult> {
  return runCli(['batch-test', ...args], { INFERLOAD_BENCHMARKS: benchmarks }, timeoutMs);
}

export function tempBenchmarks(): string {
  return mkdtempSync(join(tmpdir(), 'inferload-batch-'));
}

export function readSummary(stdout: string): BatchSummary {
  const dir = /saved: (.+)/.exec(stdout)?.[1];
  if (!dir) throw new Error(`no saved folder in:\n${stdout}`);
  return JSON.parse(readFileSync(join(dir, 'batch-summary.json'), 'utf8')) as BatchSummary;
}

/** `inferload sim ARGS` as a child process; resolves once it listens. */
export function spawnSim(args: string[]): Promise<{ url: string; pid: number; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [join(projectRoot, 'bin/inferload.js'), 'sim', '--port', '0', ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (\S+)/.exec(out)?.[1];
      if (url && child.pid !== undefined) resolve({ url, pid: child.pid, child });
    });
    child.on('exit', (code) => reject(new Error(`sim exited ${code}: ${out}`)));
  });
}
