// Helpers: the soak verb as a process (about 35 s at TIME_SCALE=0.05), its verdicts, a simulator on a chosen port.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SoakVerdicts } from '../../../src/diagnose/soak/soak-verdicts.ts';
import { projectRoot } from '../../../src/util/paths.ts';
import { runCli, type CliResult } from '../../helpers/run-cli.ts';

/** `inferload soak` against `target`: 10 minutes at TIME_SCALE=0.05 (3 s ramp, 30 s steady), short answers. */
export function runSoakCli(
  target: string,
  extra: string[] = [],
): Promise<CliResult & { benchmarks: string }> {
  const benchmarks = mkdtempSync(join(tmpdir(), 'inferload-soak-'));
  const args = ['soak', '--target', target, '--time-scale', '0.05', '--max-tokens', '32', ...extra];
  return runCli(args, { INFERLOAD_BENCHMARKS: benchmarks }, 150_000).then((r) => ({ ...r, benchmarks }));
}

/** The soak-verdicts.json of the run the output names. */
export function readVerdicts(stdout: string): SoakVerdicts {
  const path = /soak verdicts: (.+)/.exec(stdout)?.[1];
  if (!path) throw new Error(`no soak verdicts in:\n${stdout}`);
  return JSON.parse(readFileSync(path, 'utf8')) as SoakVerdicts;
}

/** A free loopback port (free when asked: the caller binds it next). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

/** `inferload sim --port PORT ARGS` as a child process; resolves once it listens. */
export function startSim(port: number, args: string[] = []): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [join(projectRoot, 'bin/inferload.js'), 'sim', '--port', String(port), ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (\S+)/.exec(out)?.[1];
      if (url) resolve({ url, child });
    });
    child.on('exit', (code) => reject(new Error(`sim exited ${code}: ${out}`)));
  });
}

/** Stops a simulator started here and waits for its end. */
export async function stopSim(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const ended = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await ended;
}
