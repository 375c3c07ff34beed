import { readLocalState, type LocalServerState } from './state.ts';
import { isAlive } from '../process/probe-pid.ts';
import { httpStatus } from '../util/http-get.ts';

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
    healthy = (await httpStatus(`${state.url}/health`, 2000)) === 200;
  }
  return { state, alive, healthy };
}
