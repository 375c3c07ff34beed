// `make instance-sweep` for users of the old script: its environment variables laid over the shipped
// instance-sweep spec (config/sweeps/instance-sweep.yaml), giving an ordinary sweep spec. The same variables
// give the same spec text, hence the same campaign id, so the same command resumes.
import { parseDocument } from 'yaml';
import { UserError } from '../util/errors.ts';
import { parseRange } from './parse-range.ts';
import { parseSweepSpec } from './read-sweep-spec.ts';
import type { SweepSpec } from './sweep-spec.ts';

/** The old script's variables this command honours. */
export const INSTANCE_SWEEP_VARIABLES = [
  'LLAMA_INSTANCES_RANGE',
  'LLAMA_PARALLEL_RANGE',
  'LLAMA_CONCURRENCY_RANGE',
  'LLAMA_MAX_TOKENS',
  'LLAMA_WARMUP_REQUESTS',
  'LLAMA_NGINX_PORT',
  'LLAMA_SERVER_BASE_PORT',
  'LLAMA_RESULTS_DIR',
] as const;

export interface InstanceSweepSpec {
  spec: SweepSpec;
  /** LLAMA_NGINX_PORT: the port nginx (the server's port) listens on. */
  serverPort?: number;
  /** LLAMA_RESULTS_DIR: where instance_sweep_<timestamp>.csv goes (default: the campaign's folder). */
  resultsDir?: string;
}

/** Lays the variables set in `env` over the base spec's text (`path` as messages name it). */
export function buildInstanceSweepSpec(
  baseText: string,
  path: string,
  env: Readonly<Record<string, string | undefined>>,
): InstanceSweepSpec {
  const doc = parseDocument(baseText);
  const get = (name: (typeof INSTANCE_SWEEP_VARIABLES)[number]): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const range = (
    name: 'LLAMA_INSTANCES_RANGE' | 'LLAMA_PARALLEL_RANGE' | 'LLAMA_CONCURRENCY_RANGE',
    at: string[],
  ): void => {
    const text = get(name);
    if (text !== undefined) doc.setIn(at, doc.createNode(parseRange(name, text), { flow: true }));
  };
  range('LLAMA_INSTANCES_RANGE', ['server_factors', 'instances']);
  range('LLAMA_PARALLEL_RANGE', ['server_factors', 'parallel_slots']);
  range('LLAMA_CONCURRENCY_RANGE', ['load_factors', 'concurrency']);
  const maxTokens = get('LLAMA_MAX_TOKENS');
  if (maxTokens !== undefined)
    doc.setIn(
      ['load_factors', 'max_tokens'],
      doc.createNode([whole('LLAMA_MAX_TOKENS', maxTokens, 1)], { flow: true }),
    );
  const warmup = get('LLAMA_WARMUP_REQUESTS');
  if (warmup !== undefined) doc.setIn(['warmup_requests'], whole('LLAMA_WARMUP_REQUESTS', warmup, 0));
  const basePort = get('LLAMA_SERVER_BASE_PORT');
  if (basePort !== undefined)
    doc.setIn(['proxy', 'instance_base_port'], port('LLAMA_SERVER_BASE_PORT', basePort));
  const nginxPort = get('LLAMA_NGINX_PORT');
  const resultsDir = get('LLAMA_RESULTS_DIR');
  const serverPort = nginxPort === undefined ? undefined : port('LLAMA_NGINX_PORT', nginxPort);
  // The nginx port is the server's, not the spec's: it joins the text only so that it changes the campaign id.
  const text = `${String(doc)}${serverPort === undefined ? '' : `# LLAMA_NGINX_PORT=${serverPort}\n`}`;
  return {
    spec: parseSweepSpec(text, path),
    ...(serverPort === undefined ? {} : { serverPort }),
    ...(resultsDir === undefined ? {} : { resultsDir }),
  };
}

function whole(name: string, text: string, min: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min)
    throw new UserError(`${name}: expected a whole number from ${min}, got '${text}'`);
  return n;
}

function port(name: string, text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 65535)
    throw new UserError(`${name}: expected a port from 1 to 65535, got '${text}'`);
  return n;
}
