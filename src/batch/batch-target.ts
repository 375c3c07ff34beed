// The server a batch test talks to: --target (its pid from --server-pid or the local state), or the local one.
import { availableParallelism } from 'node:os';
import { localStatus, startLocal, stopLocal } from './local-adapter.ts';
import { serverBase, UserError } from './util-adapter.ts';

export interface BatchTarget {
  readonly baseUrl: string;
  /** The server process, for RSS; undefined when unknown (memory is then not judged). */
  readonly pid: number | undefined;
  /** Stops the local target when this test started it. */
  release(): Promise<void>;
}

function parseTarget(target: string): string {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new UserError(`--target: expected a URL such as http://127.0.0.1:8080, got '${target}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UserError(`--target: expected http:// or https://, got '${target}'`);
  return serverBase(url.toString());
}

export async function acquireBatchTarget(
  target: string | undefined,
  serverPid: number | undefined,
  concurrency: number,
  log: (line: string) => void,
): Promise<BatchTarget> {
  const local = await localStatus();
  const running = local.state && local.alive && local.healthy ? local.state : undefined;
  if (target !== undefined) {
    const baseUrl = parseTarget(target);
    const pid = serverPid ?? (running && serverBase(running.url) === baseUrl ? running.pid : undefined);
    return { baseUrl, pid, release: async () => undefined };
  }
  if (running) return { baseUrl: running.url, pid: serverPid ?? running.pid, release: async () => undefined };
  const threads = Math.max(1, Math.min(4, availableParallelism()));
  const started = await startLocal({ slots: concurrency, threads, ctxPerSlot: 1024, backend: 'auto', log });
  if (started.fallbackReason) log(`the local target is the simulator: ${started.fallbackReason}`);
  return {
    baseUrl: started.state.url,
    pid: serverPid ?? started.state.pid,
    release: async () => void (await stopLocal()),
  };
}
