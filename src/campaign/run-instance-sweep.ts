// `make instance-sweep` as one use case: the old script's variables over the instance-sweep spec, run as a
// campaign, then instance_sweep_<timestamp>.csv, the top 5 and the best configuration per instance count.
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../config/load-config.ts';
import type { InferloadConfig } from '../config/types.ts';
import { formatRunStamp } from '../results/run-store.ts';
import { UserError } from '../util/errors.ts';
import { writeFileAtomic } from '../util/write-atomic.ts';
import { projectRoot } from '../util/paths.ts';
import { buildInstanceSweepSpec } from './instance-sweep-spec.ts';
import {
  formatInstanceSweepSummary,
  instanceSweepRows,
  renderInstanceSweepCsv,
} from './instance-sweep-table.ts';
import { runSweep, type SweepOptions, type SweepResult } from './run-sweep.ts';

/** The shipped spec the variables are laid over. */
export const INSTANCE_SWEEP_SPEC = join(projectRoot, 'config', 'sweeps', 'instance-sweep.yaml');

export interface InstanceSweepOptions extends Omit<SweepOptions, 'spec' | 'config'> {
  specPath?: string;
  env: Readonly<Record<string, string | undefined>>;
  configPath?: string;
}

/** Runs the instance sweep; returns the sweep and the CSV written (none for a dry run). */
export async function runInstanceSweep(
  options: InstanceSweepOptions,
): Promise<SweepResult & { csv?: string }> {
  const path = resolve(options.specPath ?? INSTANCE_SWEEP_SPEC);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read the instance-sweep spec ${path}: ${(error as Error).message}`);
  }
  const built = buildInstanceSweepSpec(text, path, options.env);
  let config = await loadConfig(options.configPath);
  const serverName = options.server ?? built.spec.server ?? [...config.servers.keys()][0] ?? '';
  if (built.serverPort !== undefined) config = withServerPort(config, serverName, built.serverPort);
  const result = await runSweep({
    ...options,
    spec: built.spec,
    config,
    ...(options.server ? { server: options.server } : {}),
  });
  if (!result.run) return result;
  const rows = instanceSweepRows(result.run.record);
  const dir = built.resultsDir === undefined ? result.run.dir : resolve(built.resultsDir);
  mkdirSync(dir, { recursive: true });
  const csv = join(dir, `instance_sweep_${formatRunStamp(new Date())}.csv`);
  writeFileAtomic(csv, renderInstanceSweepCsv(rows));
  options.out(formatInstanceSweepSummary(rows));
  options.out(`csv: ${csv}`);
  return { ...result, csv };
}

/** A copy of the config whose server listens (nginx, when there are instances) on `port`. */
export function withServerPort(config: InferloadConfig, serverName: string, port: number): InferloadConfig {
  const server = config.servers.get(serverName);
  if (!server) throw new UserError(`LLAMA_NGINX_PORT: server '${serverName}' is not in ${config.path}`);
  const move = (url: string): string => {
    const parsed = new URL(url);
    parsed.port = String(port);
    return parsed.toString().replace(/\/$/, url.endsWith('/') ? '/' : '');
  };
  const servers = new Map(config.servers);
  servers.set(serverName, {
    ...server,
    port,
    baseUrl: move(server.baseUrl),
    healthUrl: move(server.healthUrl),
  });
  return { ...config, servers };
}
