// Shows one malformed answer on the console while the run goes on, so a server speaking HTML is seen early.
import exec from 'k6/execution';

let logged = false;

/**
 * VUs share no state, so "once per run" is VU 1's first: VU 1 runs from the first stage to the last in every
 * profile; the first malformed answers of every VU are kept in the run's metrics (llm_errors metadata) anyway.
 */
export function noteMalformed(api: string, sample: string): void {
  if (logged || exec.vu.idInTest !== 1) return;
  logged = true;
  console.warn(
    `inferload: malformed ${api} answer (VU 1's first; the run keeps the first of each VU): ${sample.slice(0, 300)}`,
  );
}
