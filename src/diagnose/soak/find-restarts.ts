// The restart detector: the process serving the target changed (another pid, or the same pid started again),
// or the sampled server process disappeared during the run.
import type { IdentityReading } from './server-identity.ts';

export interface RestartEvent {
  /** Seconds since the run started when the change was seen. */
  readonly t: number;
  readonly fromPid?: number;
  /** Absent when no process took over before the run ended. */
  readonly toPid?: number;
  /** How long nothing listened between the two, seconds (0 when the change fell between two looks). */
  readonly downSeconds: number;
}

export interface RestartVerdict {
  readonly verdict: 'none' | 'restarted' | 'not judged';
  readonly reason: string;
  /** What the verdict watched: the port's owner looked up each interval, or the pid the host sampler read. */
  readonly watched?: string;
  readonly events: RestartEvent[];
}

/** Run-relative readings: `t` seconds since the run started instead of the epoch. */
export type TimedIdentity = Omit<IdentityReading, 'at'> & { t: number };

/** One look at the server's container (podman inspect): its restart count and last start. */
export interface ContainerLook {
  readonly restartCount?: number;
  readonly startedAt?: string;
  readonly running: boolean;
}

/** The server's container looked at before and after the run (runtime podman or quadlet). */
export interface ContainerRestarts {
  readonly name: string;
  readonly before: ContainerLook;
  /** Absent when the container was gone after the run. */
  readonly after?: ContainerLook;
}

/**
 * The container's own word on restarts: podman's restart count rose (a restart policy brought it back), it was
 * started again (another StartedAt), or it is gone or stopped. Undefined when it says nothing happened.
 */
export function describeContainerRestart(container: ContainerRestarts): string | undefined {
  const { name, before, after } = container;
  if (!after) return `container ${name} was gone after the run`;
  const changes: string[] = [];
  if ((after.restartCount ?? 0) > (before.restartCount ?? 0))
    changes.push(
      `podman restarted it ${(after.restartCount ?? 0) - (before.restartCount ?? 0)} time(s) (RestartCount ${before.restartCount ?? 0} -> ${after.restartCount})`,
    );
  if (after.startedAt !== undefined && after.startedAt !== before.startedAt)
    changes.push(`started again at ${after.startedAt} (was ${before.startedAt ?? 'never'})`);
  if (!after.running) changes.push('not running after the run');
  return changes.length === 0 ? undefined : `container ${name}: ${changes.join(', ')}`;
}

/** Adds the container's evidence to a verdict from the pids: a restart either saw is a restart. */
export function withContainerEvidence(
  verdict: RestartVerdict,
  container: ContainerRestarts | undefined,
): RestartVerdict {
  if (!container) return verdict;
  const restart = describeContainerRestart(container);
  const quiet = `container ${container.name} not restarted (RestartCount ${container.after?.restartCount ?? 0})`;
  if (restart === undefined)
    return verdict.verdict === 'not judged'
      ? { verdict: 'none', reason: quiet, watched: `container ${container.name}`, events: [] }
      : { ...verdict, reason: `${verdict.reason}; ${quiet}` };
  return verdict.verdict === 'restarted'
    ? { ...verdict, reason: `${verdict.reason}; ${restart}` }
    : {
        verdict: 'restarted',
        reason: restart,
        watched: verdict.watched ?? `container ${container.name}`,
        events: verdict.events,
      };
}

/** Restarts seen in the port owner's readings (in time order). */
export function findRestarts(
  readings: readonly TimedIdentity[],
  sampledPids: readonly { t: number; pid?: number }[],
): RestartVerdict {
  if (readings.some((r) => r.pid !== undefined)) return fromIdentity(readings);
  const seen = sampledPids.filter((s) => s.pid !== undefined);
  const first = seen[0];
  if (!first)
    return {
      verdict: 'not judged',
      reason: 'neither the port owner nor the server process was sampled',
      events: [],
    };
  const lastSeen = seen.at(-1) ?? first;
  const gone = sampledPids.filter((s) => s.t > lastSeen.t);
  const watched = `the server process sampled by diagnose (pid ${first.pid})`;
  // Two samples in a row without it: one unreadable /proc read is not a restart.
  const goneAt = gone[0];
  if (goneAt && gone.length >= 2) {
    const event = {
      t: goneAt.t,
      ...(lastSeen.pid === undefined ? {} : { fromPid: lastSeen.pid }),
      downSeconds: (gone.at(-1)?.t ?? goneAt.t) - lastSeen.t,
    };
    return {
      verdict: 'restarted',
      reason: `pid ${lastSeen.pid} was gone from ${goneAt.t.toFixed(0)} s on (${gone.length} samples)`,
      watched,
      events: [event],
    };
  }
  return {
    verdict: 'none',
    reason: `pid ${first.pid} served the whole run (${seen.length} samples)`,
    watched,
    events: [],
  };
}

function fromIdentity(readings: readonly TimedIdentity[]): RestartVerdict {
  const events: RestartEvent[] = [];
  let current: TimedIdentity | undefined;
  let lastSeenT = 0;
  for (const r of readings) {
    if (r.pid === undefined) continue;
    if (current && (r.pid !== current.pid || r.startTicks !== current.startTicks))
      events.push({
        t: r.t,
        ...(current.pid === undefined ? {} : { fromPid: current.pid }),
        toPid: r.pid,
        downSeconds: Math.max(0, downBetween(readings, lastSeenT, r.t)),
      });
    current = r;
    lastSeenT = r.t;
  }
  const last = readings.at(-1);
  if (current && last && last.pid === undefined)
    events.push({
      t: last.t,
      ...(current.pid === undefined ? {} : { fromPid: current.pid }),
      downSeconds: last.t - lastSeenT,
    });
  const first = readings.find((r) => r.pid !== undefined);
  const watched = `the process listening on the target's port (${readings.length} looks)`;
  if (events.length === 0)
    return { verdict: 'none', reason: `pid ${first?.pid} served the whole run`, watched, events };
  const listed = events
    .map((e) =>
      e.toPid === undefined
        ? `pid ${e.fromPid} gone at ${e.t.toFixed(0)} s, nothing took over`
        : `pid ${e.fromPid} -> ${e.toPid} at ${e.t.toFixed(0)} s (down ${e.downSeconds.toFixed(1)} s)`,
    )
    .join('; ');
  return { verdict: 'restarted', reason: `${events.length} restart(s): ${listed}`, watched, events };
}

// Seconds between the last reading with a process before `to` and the first without one after `from`.
function downBetween(readings: readonly TimedIdentity[], from: number, to: number): number {
  const gap = readings.filter((r) => r.t > from && r.t < to && r.pid === undefined);
  const firstDown = gap[0];
  return firstDown ? to - firstDown.t : 0;
}
