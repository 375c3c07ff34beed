// Data parallel: independent schedulers (replicas) behind one port, each request sent to the least loaded one.
import type { Clock } from './clock.ts';
import { HostLoad } from './host-load.ts';
import type { SimMetrics } from './metrics.ts';
import type { SimOptions } from './options.ts';
import { computeOversubscription, computeParallelFactor } from './parallel-model.ts';
import { createRandom, mixSeeds } from './prng.ts';
import { SlotScheduler, type JobHandle, type JobSpec, type SlotView } from './scheduler.ts';

/** Replicas of one simulator, seen from outside as one scheduler (submit, processing, deferred, slots). */
export class SchedulerPool {
  readonly replicas: readonly SlotScheduler[];
  private readonly hostLoad: HostLoad;
  private readonly coresPerReplica: number;

  constructor(options: SimOptions, clock: Clock, metrics: SimMetrics, extraDecodeMs: () => number) {
    this.hostLoad = new HostLoad(options.sharedDir);
    this.coresPerReplica = options.coresPerReplica;
    const parallel = computeParallelFactor(options);
    const speedFactor = (): number =>
      parallel *
      computeOversubscription(this.busyCores() + this.hostLoad.othersBusyCores(), options.hostCores);
    this.replicas = Array.from(
      { length: options.dataParallel },
      (_, i) =>
        new SlotScheduler(
          {
            ...options,
            // Replica 0 keeps the single-scheduler seed, so one replica behaves as before.
            random: createRandom(
              i === 0 ? mixSeeds(options.seed, 0x5c4ed) : mixSeeds(options.seed, 0x5c4ed, i),
            ),
            extraDecodeMs,
            speedFactor,
            maxBatchedTokens: options.maxBatchedTokens,
            onOccupancy: () => this.hostLoad.announce(this.busyCores()),
          },
          clock,
          metrics,
        ),
    );
  }

  /** Requests holding a slot in any replica. */
  get processing(): number {
    return this.replicas.reduce((sum, r) => sum + r.processing, 0);
  }

  /** Requests waiting for a slot in any replica. */
  get deferred(): number {
    return this.replicas.reduce((sum, r) => sum + r.deferred, 0);
  }

  /** Sends the job to the replica with the fewest running and waiting requests (the first on a tie). */
  submit(spec: JobSpec): JobHandle {
    let best = this.replicas[0];
    for (const replica of this.replicas) {
      if (best && replica.processing + replica.deferred < best.processing + best.deferred) best = replica;
    }
    if (!best) throw new Error('a scheduler pool has at least one replica');
    return best.submit(spec);
  }

  /** Every replica's slots, numbered on from one replica to the next. */
  viewSlots(): SlotView[] {
    return this.replicas.flatMap((replica, r) => {
      const offset = this.replicas.slice(0, r).reduce((sum, x) => sum + x.viewSlots().length, 0);
      return replica.viewSlots().map((slot) => ({ ...slot, id: slot.id + offset }));
    });
  }

  /** Stops every replica and withdraws this simulator's busy cores from the host. */
  close(): void {
    for (const replica of this.replicas) replica.close();
    this.hostLoad.close();
  }

  /** Cores the busy replicas of this process use. */
  private busyCores(): number {
    return this.replicas.filter((r) => r.processing > 0).length * this.coresPerReplica;
  }
}
