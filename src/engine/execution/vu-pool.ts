// A VuPool over a VU factory: FIFO reuse of idle VUs, lazy initialisation up to a cap, waiting beyond it.
import type { VuHandle, VuPool } from './runtime-types.ts';

/** Creates the VU with the given 1-based id (runs the script's init code in the engine). */
export type VuFactory = (id: number) => Promise<VuHandle>;

/** A VuPool that can also pre-initialise VUs, as k6 does for maxPlannedVUs before the run. */
export interface LazyVuPool extends VuPool {
  /** Initialises VUs one by one (ids in order) until `count` exist. */
  preinitialize(count: number): Promise<void>;
  idle(): number;
}

/** Builds a pool of at most `max` VUs (ExecutionPlan.maxPossibleVUs) that ids 1..max in creation order. */
export function createVuPool(create: VuFactory, max: number): LazyVuPool {
  const idle: VuHandle[] = [];
  const waiters: ((vu: VuHandle) => void)[] = [];
  const waitForRelease = (signal?: AbortSignal): Promise<VuHandle> =>
    new Promise((resolve, reject) => {
      const onAbort = (): void => {
        waiters.splice(waiters.indexOf(handOver), 1);
        reject(abortError(signal));
      };
      const handOver = (vu: VuHandle): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve(vu);
      };
      waiters.push(handOver);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  let created = 0;
  let initializing = 0;
  let lastId = 0;

  const initialize = async (): Promise<VuHandle> => {
    initializing++;
    const id = ++lastId; // a failed init uses up its id, like k6's GetUniqueVUIdentifier
    try {
      const vu = await create(id);
      created++;
      return vu;
    } finally {
      initializing--;
    }
  };

  return {
    acquire(signal?: AbortSignal): Promise<VuHandle> {
      if (signal?.aborted) return Promise.reject(abortError(signal));
      const vu = idle.shift();
      if (vu) return Promise.resolve(vu);
      if (created + initializing < max) return initialize();
      return waitForRelease(signal);
    },
    release(vu: VuHandle): void {
      const waiter = waiters.shift();
      if (waiter) waiter(vu);
      else idle.push(vu);
    },
    initialized: () => created,
    idle: () => idle.length,
    async preinitialize(count: number): Promise<void> {
      while (created + initializing < Math.min(count, max)) idle.push(await initialize());
    },
  };
}

function abortError(signal?: AbortSignal): Error {
  const error = new Error('waiting for a VU was aborted', { cause: signal?.reason });
  error.name = 'AbortError';
  return error;
}
