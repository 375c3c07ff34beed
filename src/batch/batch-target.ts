// The server a batch test talks to: --target (its pid from --server-pid or the local state), or the local one.
import { availableParallelism } from 'node:os';
import { localStatus } from '../local/status.ts';
import { acquireTarget } from '../runner/acquire-target.ts';
import { normalizeTarget } from '../runner/target-url.ts';
import { serverBase } from '../util/server-origin.ts';

export interface BatchTarget {
  readonly baseUrl: string;
  /** The server process, for RSS; undefined when unknown (memory is then not judged). */
  readonly pid: number | undefined;
  /** Stops the local target when this test started it. */
  release(): Promise<void>;
}

/** --target as given (its pid from --server-pid or the local state), else the local target, started when none runs. */
export async function acquireBatchTarget(
  target: string | undefined,
  serverPid: number | undefined,
  concurrency: number,
  log: (line: string) => void,
): Promise<BatchTarget> {
  if (target !== undefined) {
    const baseUrl = serverBase(normalizeTarget(target, '--target'));
    const local = await localStatus();
    const running = local.state && local.alive && local.healthy ? local.state : undefined;
    const pid = serverPid ?? (running && serverBase(running.url) === baseUrl ? running.pid : undefined);
    return { baseUrl, pid, release: async () => undefined };
  }
  const threads = Math.max(1, Math.min(4, availableParallelism()));
  const local = await acquireTarget(undefined, log, { slots: concurrency, threads, ctxPerSlot: 1024 });
  return { baseUrl: local.url, pid: serverPid ?? local.localPid, release: local.release };
}
