// The target of a run: the URL given, or the local target (llama-server on the tiny model, else the simulator)
// started for the run and stopped after it.
import { startLocal, type LocalStartOptions } from '../local/start.ts';
import { stopLocal } from '../local/stop.ts';

export interface AcquiredTarget {
  url: string;
  /** The local server's pid, when the run uses the local target (diagnose samples it). */
  localPid?: number;
  /** Stops the local target when this run started it. */
  release(): Promise<void>;
}

/** The local target's shape when a verb starts it: the load profiles' (4 slots of 2048 tokens, 2 threads). */
export type LocalShape = Pick<LocalStartOptions, 'slots' | 'threads' | 'ctxPerSlot'>;
const PROFILE_SHAPE: LocalShape = { slots: 4, threads: 2, ctxPerSlot: 2048 };

/** `url` as given, else the local target, started (in `shape`) when none runs. */
export async function acquireTarget(
  url: string | undefined,
  log: (line: string) => void,
  shape: LocalShape = PROFILE_SHAPE,
): Promise<AcquiredTarget> {
  if (url) return { url, release: async () => undefined };
  const local = await startLocal({ ...shape, backend: 'auto', log });
  if (local.fallbackReason)
    log(`note: llama-server cannot run here (${local.fallbackReason}); using the simulator`);
  log(`target: local ${local.state.kind} at ${local.state.url}`);
  const started = !local.alreadyRunning;
  return {
    url: local.state.url,
    localPid: local.state.pid,
    release: async () => {
      if (started) log((await stopLocal()).message);
    },
  };
}
