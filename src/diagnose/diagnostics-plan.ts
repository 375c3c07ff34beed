// What diagnose samples alongside a run, decided once the run's target is known: a deployed server's host over
// its SSH session, this machine (with the local target's pid) for a loopback server, else only the server's API.
import { createLocalSession } from '../remote/local-session.ts';
import { isLoopbackUrl } from '../util/server-origin.ts';
import type { DiagnosticsPlan } from './run-diagnostics.ts';
import type { ServerHost } from './server-host.ts';

export interface PlannerOptions {
  intervalMs: number;
  api: string;
  /** The deployed server's host (make diagnose SERVER=..., make capacity SERVER=...). */
  host?: ServerHost;
  /** Says why only the API is sampled. */
  warn: (line: string) => void;
}

/** The plan for a run against `target` (its URL, and the local target's pid when the run started it). */
export function diagnosticsPlanner(
  options: PlannerOptions,
): (target: { url: string; localPid?: number }) => Promise<DiagnosticsPlan> {
  return async ({ url, localPid }) => {
    const base = { intervalMs: options.intervalMs, baseUrl: url, api: options.api };
    const { host } = options;
    if (host) {
      const { session, pid, cpus } = host;
      return { ...base, host: { session, ...(pid === undefined ? {} : { pid }), ...(cpus ? { cpus } : {}) } };
    }
    if (localPid !== undefined || isLoopbackUrl(url))
      return {
        ...base,
        host: { session: createLocalSession(), ...(localPid === undefined ? {} : { pid: localPid }) },
      };
    options.warn(`${url} is not on this machine; only its API is sampled (use --server for its host)`);
    return base;
  };
}
