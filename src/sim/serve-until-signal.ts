// Keeps a started simulator serving until SIGINT or SIGTERM (closing it), or until its simulated crash.
import type { RunningSim } from './server.ts';

/** Why serving ended: a signal (the simulator is closed) or the simulated crash. */
export type ServeEnd = NodeJS.Signals | 'crash';

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/** Resolves with the signal after closing the simulator, or with 'crash' when it died by itself. */
export async function serveUntilSignal(sim: RunningSim): Promise<ServeEnd> {
  const crashed = sim.crashed.then(() => 'crash' as const);
  const end = await Promise.race([waitForSignal(), crashed]);
  if (end !== 'crash') await sim.close();
  return end;
}
