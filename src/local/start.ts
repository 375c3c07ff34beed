import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localStateDir, projectRoot } from '../util/paths.ts';
import { UserError } from '../util/errors.ts';
import { findFreePort } from './free-port.ts';
import { waitForHealth } from './wait-health.ts';
import { isAlive } from '../process/probe-pid.ts';
import { startProcess } from '../process/start-process.ts';
import { buildLlamaArgs } from './llama-args.ts';
import { readLocalState, writeLocalState, type LocalServerState } from './state.ts';
import { installLlamaServer } from './llama-install.ts';
import { ensureTinyModel } from '../tiny-model/tiny-llama.ts';
import { localStatus } from './status.ts';

export interface LocalStartOptions {
  slots: number;
  threads: number;
  ctxPerSlot: number;
  port?: number;
  /** `auto` uses llama-server when it can be installed here, else the simulator. */
  backend: 'auto' | 'llama-server' | 'sim';
  model?: string;
  healthTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface LocalStartResult {
  state: LocalServerState;
  alreadyRunning: boolean;
  /** Why the simulator stands in for llama-server, when it does. */
  fallbackReason?: string;
}

/** Starts the local target (llama-server on the generated model, or the simulator) and waits for /health. */
export async function startLocal(options: LocalStartOptions): Promise<LocalStartResult> {
  const log = options.log ?? (() => undefined);
  const running = await localStatus();
  if (running.state && running.alive) {
    if (running.healthy) return { state: running.state, alreadyRunning: true };
    throw new UserError(
      `a local ${running.state.kind} (pid ${running.state.pid}) is running but not healthy: run 'inferload local stop' first`,
    );
  }

  let fallbackReason: string | undefined;
  let launcher: string | undefined;
  if (options.backend !== 'sim') {
    const installed = await installLlamaServer({ onProgress: log });
    if (installed.ok) launcher = installed.launcher;
    else if (options.backend === 'llama-server')
      throw new UserError(`llama-server unavailable: ${installed.reason}`);
    else fallbackReason = installed.reason;
  }

  const host = '127.0.0.1';
  const port = options.port ?? (await findFreePort(host));
  const logDir = localStateDir();
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, launcher ? 'llama-server.log' : 'sim.log');

  let command: string;
  let argv: string[];
  let model: string | undefined;
  if (launcher) {
    model = options.model ?? (await ensureTinyModel());
    command = launcher;
    argv = buildLlamaArgs({ model, host, port, ...options });
  } else {
    command = process.execPath;
    argv = [
      join(projectRoot, 'bin', 'inferload.js'),
      'sim',
      '--host',
      host,
      '--port',
      String(port),
      '--slots',
      String(options.slots),
    ];
  }

  // Its own process group, writing straight to the log, and not waited for: it outlives this command.
  const out = openSync(logFile, 'w');
  const server = startProcess([command, ...argv], { group: true, stdout: out, stderr: out });
  closeSync(out);
  server.unref();
  const pid = server.pid;
  if (pid === undefined) throw new Error(`could not start ${command}: ${(await server.done).startError}`);

  const state: LocalServerState = {
    kind: launcher ? 'llama-server' : 'sim',
    pid,
    host,
    port,
    url: `http://${host}:${port}`,
    slots: options.slots,
    threads: options.threads,
    ctxPerSlot: options.ctxPerSlot,
    ...(model ? { model } : {}),
    logFile,
    startedAt: new Date().toISOString(),
    argv: [command, ...argv],
  };
  writeLocalState(state);
  log(`started ${state.kind} pid ${pid} on ${state.url}, waiting for /health`);
  await waitForHealth(`${state.url}/health`, {
    timeoutMs: options.healthTimeoutMs ?? 60_000,
    onProbe: (elapsed, status) => log(`  ${(elapsed / 1000).toFixed(1)} s: ${status}`),
    abortIf: () => (isAlive(pid) ? undefined : `process exited; log ${logFile}:\n${tail(logFile)}`),
  });
  return { state, alreadyRunning: false, ...(fallbackReason ? { fallbackReason } : {}) };
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Reads back a previously recorded state; exported for tests and the CLI. */
export { readLocalState };
