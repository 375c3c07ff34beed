// Starts every sampler for one run, all writing to the run's diagnostics.jsonl on the run's clock, and
// stops them after it. A sampler that cannot start leaves a note and the run goes on without it.
import type { RemoteSession } from '../remote/session.ts';
import { runFilePath } from '../results/run-files.ts';
import { startClientSampler } from './client/client-sampler.ts';
import type { DiagnosticsRecord } from './diagnostics-record.ts';
import { openDiagnosticsWriter } from './diagnostics-writer.ts';
import { startHostSampler, type HostSampler } from './host/host-sampler.ts';
import { createRunClock } from './run-clock.ts';
import { startServerSampler } from './server/server-sampler.ts';

/** What to sample besides the load generator: the server's host (a session on it) and the server's API. */
export interface DiagnosticsPlan {
  intervalMs: number;
  /** The server's host: its pid there and CPUs when known. Without it only the server's API is sampled. */
  host?: { session: RemoteSession; pid?: number; cpus?: number[] };
  baseUrl: string;
  api: string;
}

export interface RunningDiagnostics {
  stop(): Promise<void>;
}

// A backstop: the host sampler ends by itself after this long even if nothing stops it.
const HOST_SAMPLER_MAX_MS = 12 * 3600_000;

/** Starts the samplers for a run saved in `dir` that started at `startMs`. */
export async function startDiagnostics(
  plan: DiagnosticsPlan,
  dir: string,
  startMs: number,
  clientPid?: () => number | undefined,
): Promise<RunningDiagnostics> {
  const writer = openDiagnosticsWriter(runFilePath(dir, 'diagnostics'));
  const clock = createRunClock(startMs);
  const emit = (record: DiagnosticsRecord): void => writer.write(record);
  let host: HostSampler | undefined;
  if (plan.host) {
    try {
      host = await startHostSampler({
        session: plan.host.session,
        ...(plan.host.pid === undefined ? {} : { pid: plan.host.pid }),
        ...(plan.host.cpus ? { cpus: plan.host.cpus } : {}),
        intervalMs: plan.intervalMs,
        maxDurationMs: HOST_SAMPLER_MAX_MS,
        clock,
        emit,
      });
    } catch (error) {
      emit({
        source: 'note',
        ...clock.stamp(),
        sampler: 'host',
        level: 'warn',
        message: `not sampled: ${(error as Error).message}`,
      });
    }
  } else {
    emit({
      source: 'note',
      ...clock.stamp(),
      sampler: 'host',
      level: 'warn',
      message: 'no session on the server host: CPU, memory and GPU not sampled',
    });
  }
  const server = startServerSampler({
    baseUrl: plan.baseUrl,
    api: plan.api,
    intervalMs: plan.intervalMs,
    clock,
    emit,
  });
  const client = startClientSampler({
    intervalMs: plan.intervalMs,
    clock,
    emit,
    ...(clientPid ? { pid: clientPid } : {}),
  });
  return {
    async stop() {
      client.stop();
      await Promise.all([server.stop(), host?.stop()]);
      writer.close();
    },
  };
}
