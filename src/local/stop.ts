import { clearLocalState, readLocalState } from './state.ts';
import { commandLineOf, isAlive } from '../process/probe-pid.ts';
import { terminatePid } from '../process/terminate-pid.ts';

export interface LocalStopResult {
  stopped: boolean;
  message: string;
}

/** Ends the recorded local server, and only it: a recycled pid running something else is left alone. */
export async function stopLocal(timeoutMs = 10_000): Promise<LocalStopResult> {
  const state = readLocalState();
  if (!state) return { stopped: false, message: 'no local server recorded' };
  if (!isAlive(state.pid)) {
    clearLocalState();
    return { stopped: false, message: `pid ${state.pid} had already exited` };
  }
  const cmdline = commandLineOf(state.pid);
  if (cmdline !== undefined && !cmdline.includes(`--port ${state.port}`)) {
    clearLocalState();
    return { stopped: false, message: `pid ${state.pid} now runs something else; left alone` };
  }
  // start.ts made it the leader of its own process group: whatever it started ends with it.
  await terminatePid(state.pid, { graceMs: timeoutMs, group: true });
  clearLocalState();
  return { stopped: true, message: `stopped ${state.kind} pid ${state.pid} (${state.url})` };
}
