// llama-server's /metrics: the same llamacpp: names, types and help lines, in Prometheus text format.

export interface MetricGauges {
  readonly processing: number;
  readonly deferred: number;
}

interface Sample {
  readonly name: string;
  readonly type: 'counter' | 'gauge';
  readonly help: string;
  readonly value: number;
}

/** Counters the scheduler feeds; the throughput gauges cover the window since the last scrape, as llama.cpp's do. */
export class SimMetrics {
  promptTokensTotal = 0;
  promptMsTotal = 0;
  predictedTokensTotal = 0;
  predictedMsTotal = 0;
  decodeTotal = 0;
  busySlotsTotal = 0;
  private windowPromptTokens = 0;
  private windowPromptMs = 0;
  private windowPredictedTokens = 0;
  private windowPredictedMs = 0;

  recordPrompt(tokens: number, ms: number): void {
    this.promptTokensTotal += tokens;
    this.promptMsTotal += ms;
    this.windowPromptTokens += tokens;
    this.windowPromptMs += ms;
  }

  /** Called when a slot is released, like llama.cpp's metrics.on_prediction. */
  recordGeneration(tokens: number, ms: number): void {
    this.predictedTokensTotal += tokens;
    this.predictedMsTotal += ms;
    this.windowPredictedTokens += tokens;
    this.windowPredictedMs += ms;
  }

  recordDecode(busySlots: number): void {
    this.decodeTotal += 1;
    this.busySlotsTotal += busySlots;
  }

  /** Renders the exposition text and starts a new throughput window. */
  renderPrometheus(gauges: MetricGauges): string {
    const rate = (tokens: number, ms: number): number => (tokens > 0 && ms > 0 ? (1e3 / ms) * tokens : 0);
    const samples: Sample[] = [
      counter('prompt_tokens_total', 'Number of prompt tokens processed.', this.promptTokensTotal),
      counter('prompt_seconds_total', 'Prompt process time', this.promptMsTotal / 1e3),
      counter('tokens_predicted_total', 'Number of generation tokens processed.', this.predictedTokensTotal),
      counter('tokens_predicted_seconds_total', 'Predict process time', this.predictedMsTotal / 1e3),
      counter('n_decode_total', 'Total number of llama_decode() calls', this.decodeTotal),
      counter(
        'n_busy_slots_per_decode',
        'Average number of busy slots per llama_decode() call',
        this.busySlotsTotal / Math.max(this.decodeTotal, 1),
      ),
      gauge(
        'prompt_tokens_seconds',
        'Average prompt throughput in tokens/s.',
        rate(this.windowPromptTokens, this.windowPromptMs),
      ),
      gauge(
        'predicted_tokens_seconds',
        'Average generation throughput in tokens/s.',
        rate(this.windowPredictedTokens, this.windowPredictedMs),
      ),
      gauge('requests_processing', 'Number of requests processing.', gauges.processing),
      gauge('requests_deferred', 'Number of requests deferred.', gauges.deferred),
    ];
    this.windowPromptTokens = this.windowPromptMs = this.windowPredictedTokens = this.windowPredictedMs = 0;
    return samples
      .map(
        (s) =>
          `# HELP llamacpp:${s.name} ${s.help}\n# TYPE llamacpp:${s.name} ${s.type}\nllamacpp:${s.name} ${s.value}\n`,
      )
      .join('');
  }
}

function counter(name: string, help: string, value: number): Sample {
  return { name, type: 'counter', help, value };
}

function gauge(name: string, help: string, value: number): Sample {
  return { name, type: 'gauge', help, value };
}
