// Cancelling in-flight requests on a hard stop with one listener per signal, however many module
// instances (VUs) share that signal.
import type { VuContext } from '../../runtime/vu-context.ts';

/** A request or stream in flight that a hard stop must settle. */
export interface Cancelable {
  cancel(): void;
}

/** The in-flight operations of one module instance. */
export interface CancelScope {
  readonly ctx: VuContext;
  readonly inflight: Set<Cancelable>;
  /** The last signal this scope registered with, so the common case is one identity check. */
  watchedSignal: AbortSignal | null;
}

const scopesBySignal = new WeakMap<AbortSignal, Set<CancelScope>>();

/** Creates an empty scope for `ctx`. */
export function createCancelScope(ctx: VuContext): CancelScope {
  return { ctx, inflight: new Set(), watchedSignal: null };
}

/** Makes a hard stop of the current iteration cancel the scope's operations; false if already stopped. */
export function watchIterationSignal(scope: CancelScope): boolean {
  const signal = scope.ctx.signal();
  if (signal === scope.watchedSignal) return !signal.aborted;
  scope.watchedSignal = signal;
  if (signal.aborted) return false;
  let scopes = scopesBySignal.get(signal);
  if (scopes === undefined) {
    const created = new Set<CancelScope>();
    scopes = created;
    scopesBySignal.set(signal, created);
    signal.addEventListener('abort', () => cancelScopes(created), { once: true });
  }
  scopes.add(scope);
  return true;
}

function cancelScopes(scopes: Set<CancelScope>): void {
  for (const scope of scopes) for (const operation of [...scope.inflight]) operation.cancel();
}
