// Per-request latencies and sizes in cumulative Prometheus histograms, with vLLM's bucket bounds.

/** One histogram: counts per upper bound (cumulative when rendered), the sum and the count. */
export class Histogram {
  readonly bounds: readonly number[];
  readonly counts: number[];
  sum = 0;
  count = 0;

  constructor(bounds: readonly number[]) {
    this.bounds = bounds;
    this.counts = bounds.map(() => 0);
  }

  /** Counts `value` `times` times (an average inter-token latency stands for each of a request's gaps). */
  observe(value: number, times = 1): void {
    if (times <= 0) return;
    this.sum += value * times;
    this.count += times;
    const index = this.bounds.findIndex((bound) => value <= bound);
    if (index >= 0) this.counts[index] = (this.counts[index] ?? 0) + times;
  }

  /** Cumulative counts per bound, the last one +Inf (= count). */
  cumulative(): { le: string; count: number }[] {
    let running = 0;
    const rows = this.bounds.map((bound, i) => {
      running += this.counts[i] ?? 0;
      return { le: String(bound), count: running };
    });
    return [...rows, { le: '+Inf', count: this.count }];
  }
}

// vllm/v1/metrics/loggers.py's buckets.
const TTFT_BOUNDS = [
  0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 20, 40, 80, 160, 640,
  2560,
];
const ITL_BOUNDS = [
  0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 20, 40, 80,
];
const REQUEST_BOUNDS = [
  0.3, 0.5, 0.8, 1, 1.5, 2, 2.5, 5, 10, 15, 20, 30, 40, 50, 60, 120, 240, 480, 960, 1920, 7680,
];
const TOKEN_BOUNDS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000];

/** What one finished request measured, in milliseconds and tokens. */
export interface FinishedRequest {
  readonly queueMs: number;
  readonly prefillMs: number;
  readonly decodeMs: number;
  readonly e2eMs: number;
  readonly promptTokens: number;
  readonly generationTokens: number;
  readonly finishReason: 'stop' | 'length';
}

/** The request histograms and counters vLLM exports, fed once per finished request. */
export class RequestHistograms {
  readonly ttft = new Histogram(TTFT_BOUNDS);
  readonly interToken = new Histogram(ITL_BOUNDS);
  readonly e2e = new Histogram(REQUEST_BOUNDS);
  readonly queue = new Histogram(REQUEST_BOUNDS);
  readonly prefill = new Histogram(REQUEST_BOUNDS);
  readonly decode = new Histogram(REQUEST_BOUNDS);
  readonly inference = new Histogram(REQUEST_BOUNDS);
  readonly promptTokens = new Histogram(TOKEN_BOUNDS);
  readonly generationTokens = new Histogram(TOKEN_BOUNDS);
  readonly finished: Record<'stop' | 'length', number> = { stop: 0, length: 0 };

  /** Counts one finished request in every histogram. */
  record(request: FinishedRequest): void {
    const s = (ms: number): number => ms / 1000;
    this.ttft.observe(s(request.e2eMs - request.decodeMs));
    if (request.generationTokens > 1)
      this.interToken.observe(
        s(request.decodeMs / (request.generationTokens - 1)),
        request.generationTokens - 1,
      );
    this.e2e.observe(s(request.e2eMs));
    this.queue.observe(s(request.queueMs));
    this.prefill.observe(s(request.prefillMs));
    this.decode.observe(s(request.decodeMs));
    this.inference.observe(s(request.prefillMs + request.decodeMs));
    this.promptTokens.observe(request.promptTokens);
    this.generationTokens.observe(request.generationTokens);
    this.finished[request.finishReason]++;
  }
}
