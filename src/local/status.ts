import { readLocalState, type LocalServerState } from './state.ts';
import { isAlive } from '../process/probe-pid.ts';

export interface LocalStatus {
  state?: LocalServerState;
  alive: boolean;
  healthy: boolean;
}

/** What the recorded local server is doing now: alive by pid, healthy by /health. */
export async function localStatus(): Promise<LocalStatus> {
  const state = readLocalState();
  if (!state) return { alive: false, healthy: false };
  const alive = isAlive(state.pid);
  let healthy = false;
  if (alive) {
    try {
      const response = await fetch(`${state.url}/health`, { signal: AbortSignal.timeout(2000) });
      await response.body?.cancel();
      healthy = response.status === 200;
    } catch {
      healthy = false;
    }
  }
  return { state, alive, healthy };
}
