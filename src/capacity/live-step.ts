// A capacity step watched as it runs: the engine's samples counted per second (requests finished and failed,
// TTFT, E2E, dropped iterations), and the window after the warm-up judged for steadiness. Requests in flight
// come from Little's law (finished per second x mean E2E): k6's vus gauge counts the VUs an arrival-rate
// executor holds, not the ones inside a request.
import type { Sample } from '../engine/metrics/types.ts';
import { percentile } from '../util/percentile.ts';
import { judgeSteadiness, type BatchSeries, type Steadiness, type SteadinessRule } from './steadiness.ts';

interface Second {
  done: number;
  failed: number;
  ttft: number[];
  e2eSum: number;
  e2eCount: number;
}

/** The judged window, in epoch ms, and what was judged in it. */
export interface LiveJudgement {
  startMs: number;
  endMs: number;
  steadiness: Steadiness;
}

/** The metrics a step is judged on, and the gauge every engine writes each second (so time is seen to pass). */
export const LIVE_METRICS: readonly string[] = [
  'llm_errors',
  'llm_ttft',
  'llm_e2e',
  'dropped_iterations',
  'vus',
];

// Batches a window is cut into (fewer when it is short: batches are whole seconds).
const TARGET_BATCHES = 10;

export class LiveStep {
  readonly #startMs: number;
  readonly #rampSeconds: number;
  readonly #maxSettleSeconds: number;
  readonly #seconds = new Map<number, Second>();
  readonly #e2e: number[] = [];
  #dropped = 0;
  #latestMs = Number.NEGATIVE_INFINITY;
  #requests = 0;

  /** `rampSeconds`: the load's own ramp-up, never judged; then at most `maxSettleSeconds` of settling. */
  constructor(startMs: number, rampSeconds: number, maxSettleSeconds = Number.POSITIVE_INFINITY) {
    this.#startMs = startMs;
    this.#rampSeconds = rampSeconds;
    this.#maxSettleSeconds = maxSettleSeconds;
  }

  /** Iterations the executor could not start (no free VU): the generator, not the server, fell behind. */
  get dropped(): number {
    return this.#dropped;
  }

  /** The time of the latest sample added: the judgement goes no further (a split run's samples come late). */
  get latestMs(): number {
    return this.#latestMs;
  }

  /** Requests seen finishing (their llm_errors samples). */
  get requests(): number {
    return this.#requests;
  }

  add(sample: Sample): void {
    if (sample.time > this.#latestMs) this.#latestMs = sample.time;
    switch (sample.metric) {
      case 'llm_errors': {
        this.#requests += 1;
        const second = this.#second(sample.time);
        second.done += 1;
        if (sample.value !== 0) second.failed += 1;
        break;
      }
      case 'llm_ttft':
        this.#second(sample.time).ttft.push(sample.value);
        break;
      case 'llm_e2e': {
        if (this.#e2e.length < 10_000) this.#e2e.push(sample.value);
        const second = this.#second(sample.time);
        second.e2eSum += sample.value;
        second.e2eCount += 1;
        break;
      }
      case 'dropped_iterations':
        this.#dropped += sample.value;
        break;
      default:
    }
  }

  /**
   * Seconds from the start not judged: the ramp, then twice the median E2E so far (at least 2 s), so the
   * requests in flight have filled up before the window opens; never more than `maxWarmupSeconds` (a queue
   * that keeps growing makes E2E grow with it: that is for the window to show, not to hide).
   */
  warmupSeconds(): number {
    const e2e = percentile(this.#e2e, 50) ?? 0;
    return Math.ceil(this.#rampSeconds + Math.min(this.#maxSettleSeconds, Math.max(2, (2 * e2e) / 1000)));
  }

  /** The window from the warm-up's end to the last whole second before `nowMs`, in batches. */
  series(nowMs: number): { startMs: number; endMs: number; batches: BatchSeries } {
    const from = this.warmupSeconds();
    const to = Math.floor((nowMs - this.#startMs) / 1000);
    const seconds = Math.max(0, to - from);
    const batchSeconds = Math.max(1, Math.floor(seconds / TARGET_BATCHES));
    const count = Math.floor(seconds / batchSeconds);
    const throughput: number[] = [];
    const ttft: (number | undefined)[] = [];
    const inFlight: (number | undefined)[] = [];
    for (let b = 0; b < count; b += 1) {
      let done = 0;
      const ttfts: number[] = [];
      let e2eSum = 0;
      let e2eCount = 0;
      for (let s = from + b * batchSeconds; s < from + (b + 1) * batchSeconds; s += 1) {
        const second = this.#seconds.get(s);
        if (!second) continue;
        done += second.done;
        ttfts.push(...second.ttft);
        e2eSum += second.e2eSum;
        e2eCount += second.e2eCount;
      }
      throughput.push(done / batchSeconds);
      ttft.push(percentile(ttfts, 50));
      inFlight.push(e2eCount > 0 ? ((done / batchSeconds) * (e2eSum / e2eCount)) / 1000 : undefined);
    }
    return {
      startMs: this.#startMs + from * 1000,
      endMs: this.#startMs + (from + count * batchSeconds) * 1000,
      batches: { batchSeconds, throughput, ttft, inFlight },
    };
  }

  /** The window as of `nowMs`, judged; undefined while it is shorter than `minSeconds`. */
  judge(nowMs: number, minSeconds: number, rule?: Readonly<SteadinessRule>): LiveJudgement | undefined {
    const { startMs, endMs, batches } = this.series(nowMs);
    if (endMs - startMs < minSeconds * 1000) return undefined;
    return { startMs, endMs, steadiness: judgeSteadiness(batches, rule) };
  }

  #second(time: number): Second {
    const index = Math.floor((time - this.#startMs) / 1000);
    let second = this.#seconds.get(index);
    if (!second) {
      second = { done: 0, failed: 0, ttft: [], e2eSum: 0, e2eCount: 0 };
      this.#seconds.set(index, second);
    }
    return second;
  }
}
