/** Milliseconds from an arbitrary origin: performance.now() where the runtime has it, else Date.now(). */
export const now: () => number =
  typeof performance === 'object' && performance !== null && typeof performance.now === 'function'
    ? () => (performance as { now(): number }).now()
    : () => Date.now();
