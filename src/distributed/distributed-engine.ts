// A run split over load generators the way k6 splits one over instances: every part starts paused on its
// generator (k6's --paused behind its REST API), all are released together, a live line sums their counts, and
// at the end their raw samples are merged exactly into the run's own summary.json and metrics file, so report,
// compare and diagnose read a distributed run like any other. A part that fails is named and the run is partial.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LoadGeneratorConfig } from '../config/types.ts';
import { EXIT_INTERRUPTED, EXIT_THRESHOLDS_FAILED } from '../engine/exit-codes.ts';
import type { Engine, EngineRunInput, EngineRunResult } from '../runner/engine.ts';
import { toolkitVersion } from '../util/toolkit-version.ts';
import type { Sample } from '../engine/metrics/types.ts';
import { followPart } from './follow-part.ts';
import { formatLiveLine, type PartCounts } from './live-line.ts';
import { LiveSampleMerge } from './live-samples.ts';
import { mergeParts, type PartFiles } from './merge-parts.ts';
import { planParts, type PartPlan } from './plan-parts.ts';
import {
  fetchPart,
  partCopyPaths,
  remoteMetricsSize,
  startPart,
  stderrTail,
  type StartedPart,
} from './run-part.ts';
import { describePartialMerge } from './partial-reason.ts';
import type { DistributedRunInfo, PartInfo } from './types.ts';

const LIVE_LINE_MS = 2000;
// Time for every waiter to reach its host and sleep (an SSH channel opens in well under this).
const RELEASE_LEAD_MS = 3000;
const STOP_GRACE_MS = 30_000;
// A part's own exit codes that still mean it measured to its end: its local thresholds are not the run's.
const PART_OK = new Set([0, EXIT_THRESHOLDS_FAILED]);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class DistributedEngine implements Engine {
  readonly name = 'distributed';
  readonly version: string;
  readonly #plans: PartPlan[];
  readonly #bundle: string;
  readonly #log: (line: string) => void;

  constructor(generators: readonly LoadGeneratorConfig[], bundle: string, log: (line: string) => void) {
    this.#plans = planParts(generators);
    this.#bundle = bundle;
    this.#log = log;
    const engines = [
      ...new Set(generators.map((g) => (g.engine === 'k6' ? g.k6 : `inferload ${toolkitVersion}`))),
    ];
    this.version = `${generators.length} parts: ${engines.join(', ')}`;
  }

  async prepare(): Promise<void> {
    // Each part compiles the bundle on its own generator; a script error shows as that part's exit code.
  }

  async run(input: EngineRunInput): Promise<EngineRunResult> {
    const runDir = dirname(input.summaryExport);
    const runId = runDir.split('/').at(-1) ?? 'run';
    const settings = input.settings as unknown as Record<string, string>;
    const starts = await Promise.allSettled(
      this.#plans.map((plan) => startPart({ plan, bundle: this.#bundle, settings, runId })),
    );
    const parts = starts.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failedStarts = starts.flatMap((s) => (s.status === 'rejected' ? [describe(s.reason)] : []));
    if (failedStarts.length > 0 || input.signal.aborted) {
      await Promise.all(parts.map((part) => endPart(part)));
      return {
        exitCode: 255,
        reason: failedStarts.join('; ') || 'interrupted before the parts were released',
      };
    }
    for (const part of parts) {
      const { offsetMs, uncertaintyMs } = part.offset;
      this.#log(
        `part ${part.plan.name} on ${part.plan.generator.host.name}: segment ${part.plan.segment}, clock offset ` +
          `${offsetMs.toFixed(1)} ms (+-${uncertaintyMs.toFixed(1)}), paused and ready`,
      );
    }

    // The release: each part resumes itself at one moment, on its own clock (ours plus its offset).
    const releaseAt = Date.now() + RELEASE_LEAD_MS;
    const resumed = await Promise.all(
      parts.map((part) => part.api.resumeAt(releaseAt + part.offset.offsetMs).then((at) => ({ part, at }))),
    ).catch((error: unknown) => error as Error);
    if (resumed instanceof Error) {
      await Promise.all(parts.map((part) => endPart(part)));
      return { exitCode: 255, reason: `the release failed: ${resumed.message}` };
    }
    // On our clock: every part started between the earliest send and the latest answer (plus the offsets' error).
    const ours = resumed.map(({ part, at }) => ({
      sent: at.sentMs - part.offset.offsetMs,
      answered: at.answeredMs - part.offset.offsetMs,
      error: part.offset.uncertaintyMs,
    }));
    const sentAt = Math.min(...ours.map((o) => o.sent));
    const startSpreadMs = Math.round(
      Math.max(...ours.map((o) => o.answered)) - sentAt + Math.max(...ours.map((o) => o.error)),
    );
    const detail = ours
      .map(
        (o, i) =>
          `${parts[i]?.plan.name} +${Math.round(o.sent - releaseAt)}..${Math.round(o.answered - releaseAt)}`,
      )
      .join(', ');
    this.#log(
      `released ${parts.length} parts together: all started within ${startSpreadMs} ms (${detail} ms)`,
    );

    let stopping = false;
    const stopAll = (): void => {
      if (stopping) return;
      stopping = true;
      for (const part of parts) void part.api.stop().catch(() => undefined);
      setTimeout(() => parts.forEach((part) => part.kill()), STOP_GRACE_MS).unref();
    };
    input.signal.addEventListener('abort', stopAll, { once: true });
    const live = input.quiet ? undefined : this.#startLiveLine(parts, sentAt);
    // What a part wrote while paused is before the run: left out of the live samples and the merge.
    const fromMs = sentAt - Math.max(...parts.map((part) => part.offset.uncertaintyMs));
    const followed = followParts(parts, runDir, fromMs, input.onSample, input.sampleMetrics).catch(
      (error: unknown) => {
        this.#log(`the parts' samples were not followed: ${describe(error)}; they are fetched at the end`);
        return parts.map(() => ({ copied: -1, size: undefined }));
      },
    );
    const exits = await Promise.all(parts.map((part) => part.done));
    const endedAt = Date.now();
    input.signal.removeEventListener('abort', stopAll);
    live?.stop();
    const copies = await followed;

    const infos: PartInfo[] = [];
    const files: PartFiles[] = [];
    for (const [i, part] of parts.entries()) {
      const exit = exits[i] ?? { code: 255, stdout: '', stderr: '' };
      const problem =
        PART_OK.has(exit.code) || (stopping && exit.code === EXIT_INTERRUPTED)
          ? undefined
          : `exited ${exit.code}: ${await stderrTail(part)}`;
      const fetched = await fetchPart(
        part,
        partDir(runDir, part),
        copies[i] ?? { copied: -1, size: undefined },
      );
      await part.session.close();
      files.push({
        name: part.plan.name,
        metricsPath: fetched.metrics,
        summaryPath: fetched.summary,
        offsetMs: part.offset.offsetMs,
      });
      infos.push({
        name: part.plan.name,
        generator: part.plan.generator.name,
        host: part.plan.generator.host.name,
        engine: part.plan.generator.engine,
        segment: part.plan.segment,
        exitCode: exit.code,
        clockOffsetMs: part.offset.offsetMs,
        clockUncertaintyMs: part.offset.uncertaintyMs,
        resumedMs: [
          Math.round(ours[i]?.sent ?? 0) - releaseAt,
          Math.round(ours[i]?.answered ?? 0) - releaseAt,
        ],
        samples: 0,
        ...(problem ? { failed: problem } : {}),
      });
    }
    const merged = await mergeParts({
      parts: files,
      jsonOut: input.jsonOut,
      summaryExport: input.summaryExport,
      testRunDurationMs: endedAt - sentAt,
      fromMs,
    });
    for (const [i, info] of infos.entries()) {
      const part = merged.parts[i];
      info.samples = part?.points ?? 0;
      if (part?.damaged && !info.failed) info.failed = 'its raw samples are missing or cut';
    }
    const failed = infos.filter((info) => info.failed !== undefined);
    const distributed: DistributedRunInfo = {
      sequence: this.#plans[0]?.sequence ?? '0,1',
      startSpreadMs,
      parts: infos,
    };
    writeFileSync(join(runDir, 'parts', 'parts.json'), `${JSON.stringify(distributed, null, 2)}\n`);
    for (const info of infos)
      this.#log(
        `part ${info.name}: exit ${info.exitCode}, ${info.samples} samples${info.failed ? `, FAILED: ${info.failed}` : ''}`,
      );
    if (failed.length > 0) {
      return {
        exitCode: 255,
        reason: describePartialMerge(infos, (info) => ` on ${info.host}`),
        partial: true,
        distributed,
      };
    }
    if (stopping) return { exitCode: EXIT_INTERRUPTED, distributed };
    return { exitCode: merged.breached.length > 0 ? EXIT_THRESHOLDS_FAILED : 0, distributed };
  }

  #startLiveLine(parts: readonly StartedPart[], startedAt: number): { stop(): void } {
    let running = true;
    const previous: { at: number; requests: number }[] = [];
    const loop = async (): Promise<void> => {
      while (running) {
        await sleep(LIVE_LINE_MS);
        if (!running) break;
        const counts: PartCounts[] = await Promise.all(
          parts.map(async (part) => {
            if (part.exit) return { name: part.plan.name, exited: part.exit.code };
            const [reqs, failed] = await Promise.all([
              part.api.metric('http_reqs'),
              part.api.metric('http_req_failed'),
            ]);
            return {
              name: part.plan.name,
              requests: reqs?.['count'] ?? 0,
              failedShare: failed?.['rate'] ?? 0,
            };
          }),
        );
        if (running) this.#log(formatLiveLine(counts, Date.now() - startedAt, previous));
      }
    };
    void loop();
    return { stop: () => (running = false) };
  }
}

// After a part exits, its follower has this long to copy the rest of its file (a whole copy is not fetched).
const FOLLOW_TAIL_MS = 3000;

function partDir(runDir: string, part: StartedPart): string {
  return join(runDir, 'parts', part.plan.name);
}

/**
 * Every part's raw samples copied into its folder of the run as they are written, and (with `onSample`) merged
 * in time order into it; resolves once each part has ended, with what was copied and the file's size there.
 */
async function followParts(
  parts: readonly StartedPart[],
  runDir: string,
  fromMs: number,
  onSample: ((sample: Sample) => void) | undefined,
  metrics: readonly string[] | undefined,
): Promise<{ copied: number; size: number | undefined }[]> {
  const merge = onSample ? new LiveSampleMerge(parts.length, onSample) : undefined;
  return Promise.all(
    parts.map(async (part, i) => {
      const dir = partDir(runDir, part);
      mkdirSync(dir, { recursive: true });
      const follower = followPart(
        part,
        partCopyPaths(dir).metrics,
        metrics,
        merge ? (point) => point.time >= fromMs && merge.add(i, point) : undefined,
      );
      await part.done;
      const size = await remoteMetricsSize(part);
      const copied = await follower.finish(size, FOLLOW_TAIL_MS);
      merge?.end(i);
      return { copied, size };
    }),
  );
}

async function endPart(part: StartedPart): Promise<void> {
  part.kill();
  await Promise.race([part.done, sleep(5000)]);
  await part.session.close();
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
