// A work folder for campaigns against the real local llama-server (the private install, the generated tiny
// model), deployed under runtime `process`: deploy keeps its pid and launcher under ~/.inferload on the host
// (here, this machine), so HOME is the folder; runs, records and the deployed record live in it too.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installLlamaServer } from '../../src/local/llama-install.ts';
import { ensureTinyModel } from '../../src/tiny-model/tiny-llama.ts';
import { runCommand } from './run-cli.ts';

export interface LocalLlamaWorkspace {
  work: string;
  /** The environment for the CLI: benchmarks, deployed record and HOME in `work`; no k6 binary. */
  env: Record<string, string>;
}

/** Installs llama-server and the tiny model (failing the test if it cannot) and makes a fresh work folder. */
export async function openLocalLlamaWorkspace(prefix: string): Promise<LocalLlamaWorkspace> {
  assert.ok((await installLlamaServer()).ok, 'llama-server installs');
  await ensureTinyModel();
  const work = mkdtempSync(join(tmpdir(), prefix));
  const env = {
    INFERLOAD_BENCHMARKS: join(work, 'benchmarks'),
    INFERLOAD_DEPLOYED: join(work, 'deployed'),
    HOME: work,
    K6_BIN: '/nonexistent/k6',
  };
  return { work, env };
}

/** Stops the llama-server that deploy left running for `server` in the workspace, if any. */
export async function stopLocalDeploy(work: string, server = 'tiny'): Promise<void> {
  const pidFile = join(work, '.inferload', 'deploy', server, 'pid');
  const pid = existsSync(pidFile) ? readFileSync(pidFile, 'utf8').trim() : '';
  if (/^\d+$/.test(pid)) await runCommand('kill', [pid]);
}

/**
 * The config most campaign tests deploy: server `tiny` (llama.cpp, runtime process, the generated model) on
 * `port` on host `local`, and preset `base` with `slots` parallel slots and one thread. `hosts` and `rest`
 * add YAML lines under `hosts:` and after the presets.
 */
export function tinyServerYaml(
  port: number,
  options: { slots?: number; hosts?: string; rest?: string } = {},
): string {
  return `active_preset: base
hosts:
  local: {}
${options.hosts ?? ''}servers:
  tiny:
    host: local
    kind: llama.cpp
    runtime: process
    model: generated:tiny
    port: ${port}
presets:
  # the base every configuration extends
  base:
    parallel_slots: ${options.slots ?? 1}
    threads_gen: 1
    threads_batch: 1
    ctx_per_slot: 256
${options.rest ?? ''}`;
}
