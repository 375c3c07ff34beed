import type { VirtualUser } from '../runtime/vu.ts';

/** Calls setup/teardown/handleSummary on the main instance with k6's time limit. */
export async function callWithTimeout(
  vu: VirtualUser,
  name: 'setup' | 'teardown' | 'handleSummary',
  args: unknown[],
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<unknown> {
  const fn = vu.exports[name];
  if (typeof fn !== 'function') return undefined;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name}() timed out after ${timeoutMs / 1000} s`)), timeoutMs);
  });
  const aborted = new Promise<never>((_, reject) => {
    signal?.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
  });
  try {
    return await vu.runHook(name, () => (fn as (...a: unknown[]) => unknown)(...args), [timeout, aborted]);
  } finally {
    clearTimeout(timer);
  }
}
