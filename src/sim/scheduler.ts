// Slot scheduler: busy slots decode in lock-step batches, one timer per decode step; extra requests wait deferred.
import type { Clock, Timer } from './clock.ts';
import type { SimMetrics } from './metrics.ts';
import { computeBudgetedPrefillMs, computeMicroBatch } from './parallel-model.ts';
import { drawJitter, type Random } from './prng.ts';

export interface JobSpec {
  readonly promptTokens: number;
  readonly outputTokens: number;
  /** The request's token limit, shown in /slots. */
  readonly limit: number;
  /** Holds the job in its slot, sending nothing, once it has produced afterTokens tokens. */
  readonly pause?: { readonly afterTokens: number; readonly ms: number } | undefined;
  onToken(index: number): void;
  onFinish(timings: JobTimings): void;
}

export interface JobTimings {
  readonly slotId: number;
  readonly queueMs: number;
  readonly promptN: number;
  readonly promptMs: number;
  readonly predictedN: number;
  readonly predictedMs: number;
}

export interface JobHandle {
  readonly taskId: number;
  /** Drops the job (client gone); safe to call more than once. */
  cancel(): void;
}

export interface SlotView {
  readonly id: number;
  readonly taskId: number;
  readonly isProcessing: boolean;
  readonly limit: number;
  readonly decoded: number;
}

export interface SchedulerSettings {
  readonly slots: number;
  readonly promptTokensPerSecond: number;
  readonly decodeMsPerToken: number;
  readonly contention: number;
  readonly jitter: number;
  readonly random: Random;
  /** Added to decodeMsPerToken at each step (the simulated slowdown over time). */
  readonly extraDecodeMs?: () => number;
  /** Multiplies every step and prefill: tensor/pipeline parallel and host oversubscription (parallel-model.ts). */
  readonly speedFactor?: () => number;
  /** Pipeline stages: decode contention counts the requests of one micro-batch. */
  readonly pipelineParallel?: number;
  /** Prompt tokens per step shared by the prompts in prefill; 0 or absent = no limit. */
  readonly maxBatchedTokens?: number;
  /** Called whenever a slot is taken or freed (the host's busy-core announcements follow it). */
  readonly onOccupancy?: () => void;
}

interface Job {
  readonly taskId: number;
  readonly spec: JobSpec;
  phase: 'queued' | 'prefill' | 'decode' | 'done';
  slotId: number;
  decoded: number;
  readonly enqueuedAt: number;
  startedAt: number;
  promptDoneAt: number;
  pausedUntil: number;
  prefillTimer: Timer | undefined;
}

/** Steps of timer lateness the scheduler makes up for by starting the next steps at once. */
const MAX_CATCH_UP_STEPS = 50;

/** Time of one decode step: each busy slot beyond the first adds `contention` times the single-slot cost. */
export function computeDecodeMs(baseMs: number, contention: number, busySlots: number): number {
  return baseMs * (1 + contention * Math.max(0, busySlots - 1));
}

/** Time to process a prompt in one slot. */
export function computePrefillMs(promptTokens: number, tokensPerSecond: number): number {
  return (promptTokens / tokensPerSecond) * 1000;
}

export class SlotScheduler {
  private readonly slots: (Job | undefined)[];
  private readonly queue: Job[] = [];
  private decoding: Job[] = [];
  private stepJobs: Job[] = [];
  private stepTimer: Timer | undefined;
  private stepDueAt = 0;
  /** The pending timer only waits for a paused job to resume; a newly decoding job may start a step sooner. */
  private waitingForPause = false;
  private occupied = 0;
  private prefilling = 0;
  private nextTaskId = 0;
  private readonly settings: SchedulerSettings;
  private readonly clock: Clock;
  private readonly metrics: SimMetrics;

  constructor(settings: SchedulerSettings, clock: Clock, metrics: SimMetrics) {
    this.settings = settings;
    this.clock = clock;
    this.metrics = metrics;
    this.slots = Array.from({ length: settings.slots }, () => undefined);
  }

  /** Requests holding a slot (prefill or decode). */
  get processing(): number {
    return this.occupied;
  }

  /** Requests waiting for a slot. */
  get deferred(): number {
    return this.queue.length;
  }

  /** Tokens the running requests hold in the KV cache: their prompts and what they decoded so far. */
  get heldTokens(): number {
    return this.slots.reduce((sum, job) => sum + (job ? job.spec.promptTokens + job.decoded : 0), 0);
  }

  /** Queues a job; callbacks always arrive later, from a timer, never during submit. */
  submit(spec: JobSpec): JobHandle {
    const job: Job = {
      taskId: this.nextTaskId++,
      spec,
      phase: 'queued',
      slotId: -1,
      decoded: 0,
      enqueuedAt: this.clock.now(),
      startedAt: 0,
      promptDoneAt: 0,
      pausedUntil: 0,
      prefillTimer: undefined,
    };
    this.queue.push(job);
    this.admit();
    return { taskId: job.taskId, cancel: () => this.cancel(job) };
  }

  viewSlots(): SlotView[] {
    return this.slots.map((job, id) => ({
      id,
      taskId: job?.taskId ?? -1,
      isProcessing: job !== undefined,
      limit: job?.spec.limit ?? -1,
      decoded: job?.decoded ?? 0,
    }));
  }

  /** Stops every timer and forgets every job without calling back. */
  close(): void {
    this.stepTimer?.cancel();
    this.stepTimer = undefined;
    for (const job of this.slots) job?.prefillTimer?.cancel();
    for (const job of [...this.queue, ...this.slots]) if (job) job.phase = 'done';
    this.queue.length = 0;
    this.slots.fill(undefined);
    this.occupied = 0;
    this.prefilling = 0;
    this.decoding = [];
    this.stepJobs = [];
  }

  private admit(): void {
    while (this.queue.length > 0 && this.occupied < this.slots.length) {
      const job = this.queue.shift();
      const slotId = this.slots.indexOf(undefined);
      if (!job || slotId < 0) return;
      this.slots[slotId] = job;
      this.occupied++;
      job.slotId = slotId;
      job.phase = 'prefill';
      job.startedAt = this.clock.now();
      this.prefilling++;
      const speed = this.settings.speedFactor?.() ?? 1;
      const ms = computeBudgetedPrefillMs(
        computePrefillMs(job.spec.promptTokens, this.settings.promptTokensPerSecond) * speed,
        job.spec.promptTokens,
        {
          tokensPerStep: this.settings.maxBatchedTokens ?? 0,
          sharing: this.prefilling,
          stepMs: this.stepMs(speed),
        },
      );
      const jittered = ms * drawJitter(this.settings.random, this.settings.jitter);
      job.prefillTimer = this.clock.setTimer(() => this.finishPrefill(job), jittered);
    }
    this.settings.onOccupancy?.();
  }

  /** One decode step's time now, before jitter. */
  private stepMs(speed: number): number {
    const base = this.settings.decodeMsPerToken + (this.settings.extraDecodeMs?.() ?? 0);
    const batch = computeMicroBatch(this.occupied, this.settings.pipelineParallel ?? 1);
    return computeDecodeMs(base, this.settings.contention, batch) * speed;
  }

  private finishPrefill(job: Job): void {
    job.prefillTimer = undefined;
    this.prefilling--;
    const now = this.clock.now();
    job.promptDoneAt = now;
    this.metrics.recordPrompt(job.spec.promptTokens, now - job.startedAt);
    this.metrics.recordDecode(this.occupied);
    job.phase = 'decode';
    if (job.spec.outputTokens === 0) return this.finish(job);
    // The prompt's batch samples the first token, so TTFT is queue wait plus prefill.
    this.emitToken(job, now);
    if (job.phase !== 'decode') return;
    this.decoding.push(job);
    if (this.waitingForPause) this.stepTimer?.cancel();
    if (!this.stepTimer || this.waitingForPause) this.startStep(now, now);
  }

  private emitToken(job: Job, now: number): void {
    const index = job.decoded++;
    job.spec.onToken(index);
    if (job.phase !== 'decode') return;
    if (job.decoded >= job.spec.outputTokens) return this.finish(job);
    const pause = job.spec.pause;
    if (pause && job.decoded === pause.afterTokens) job.pausedUntil = now + pause.ms;
  }

  private startStep(now: number, dueAt: number): void {
    this.stepTimer = undefined;
    this.waitingForPause = false;
    this.decoding = this.decoding.filter((job) => job.phase === 'decode');
    if (this.decoding.length === 0) return;
    this.stepJobs = this.decoding.filter((job) => job.pausedUntil <= now);
    if (this.stepJobs.length === 0) {
      const wakeAt = Math.min(...this.decoding.map((job) => job.pausedUntil));
      this.stepTimer = this.clock.setTimer(() => this.startStep(this.clock.now(), wakeAt), wakeAt - now);
      this.waitingForPause = true;
      return;
    }
    const ms = this.stepMs(this.settings.speedFactor?.() ?? 1);
    const stepMs = ms * drawJitter(this.settings.random, this.settings.jitter);
    this.metrics.recordDecode(this.occupied);
    // Schedule from when the step was due, not when the timer fired, so timer lateness (a busy event loop) does
    // not pile up and throughput stays what the model says; a lag of many steps (a stalled process) is not caught up.
    const start = now - dueAt > MAX_CATCH_UP_STEPS * stepMs ? now : dueAt;
    this.stepDueAt = start + stepMs;
    this.stepTimer = this.clock.setTimer(() => this.finishStep(), this.stepDueAt - now);
  }

  private finishStep(): void {
    const now = this.clock.now();
    const jobs = this.stepJobs;
    this.stepJobs = [];
    for (const job of jobs) if (job.phase === 'decode') this.emitToken(job, now);
    this.startStep(now, this.stepDueAt);
  }

  private finish(job: Job): void {
    const now = this.clock.now();
    this.release(job, now);
    job.spec.onFinish({
      slotId: job.slotId,
      queueMs: job.startedAt - job.enqueuedAt,
      promptN: job.spec.promptTokens,
      promptMs: job.promptDoneAt - job.startedAt,
      predictedN: job.decoded,
      predictedMs: now - job.promptDoneAt,
    });
    this.admit();
  }

  private cancel(job: Job): void {
    if (job.phase === 'done') return;
    if (job.phase === 'queued') {
      job.phase = 'done';
      this.queue.splice(this.queue.indexOf(job), 1);
      return;
    }
    if (job.prefillTimer) this.prefilling--;
    job.prefillTimer?.cancel();
    this.release(job, this.clock.now());
    this.admit();
  }

  private release(job: Job, now: number): void {
    if (job.phase === 'decode') this.metrics.recordGeneration(job.decoded, now - job.promptDoneAt);
    job.phase = 'done';
    this.slots[job.slotId] = undefined;
    this.occupied--;
  }
}
