// The server's Prometheus /metrics (llama.cpp's llamacpp:*, vLLM's vllm:*) reduced to what diagnose uses.
import { parsePrometheus, type PromSample } from '../../server-metrics/parse-prometheus.ts';
import { readHistogram, type HistogramBuckets } from '../../server-metrics/histogram-window.ts';

/** Counters and gauges of one scrape; a field the server does not expose stays undefined. */
export interface ServerMetricsScrape {
  flavour: 'llama.cpp' | 'vllm' | 'unknown';
  promptTokensTotal?: number;
  outputTokensTotal?: number;
  processing?: number;
  deferred?: number;
  kvCacheUsage?: number;
  /** vLLM's latency histograms (seconds), for per-interval quantiles from bucket deltas. */
  histograms?: { ttft?: HistogramBuckets; queue?: HistogramBuckets; e2e?: HistogramBuckets };
}

// vLLM labels every series (model_name, engine): sum across them.
function sum(samples: PromSample[], name: string): number | undefined {
  let total: number | undefined;
  for (const s of samples) if (s.name === name && Number.isFinite(s.value)) total = (total ?? 0) + s.value;
  return total;
}

function max(samples: PromSample[], name: string): number | undefined {
  let top: number | undefined;
  for (const s of samples)
    if (s.name === name && Number.isFinite(s.value)) top = Math.max(top ?? -Infinity, s.value);
  return top;
}

/** Reads a /metrics text from llama.cpp or vLLM (old and new names). */
export function readServerMetrics(text: string): ServerMetricsScrape {
  const samples = parsePrometheus(text);
  if (samples.some((s) => s.name.startsWith('llamacpp:'))) {
    return defined({
      flavour: 'llama.cpp',
      promptTokensTotal: sum(samples, 'llamacpp:prompt_tokens_total'),
      outputTokensTotal: sum(samples, 'llamacpp:tokens_predicted_total'),
      processing: sum(samples, 'llamacpp:requests_processing'),
      deferred: sum(samples, 'llamacpp:requests_deferred'),
      kvCacheUsage: max(samples, 'llamacpp:kv_cache_usage_ratio'),
    });
  }
  if (samples.some((s) => s.name.startsWith('vllm:'))) {
    return defined({
      flavour: 'vllm',
      promptTokensTotal: sum(samples, 'vllm:prompt_tokens_total') ?? sum(samples, 'vllm:prompt_tokens'),
      outputTokensTotal:
        sum(samples, 'vllm:generation_tokens_total') ?? sum(samples, 'vllm:generation_tokens'),
      processing: sum(samples, 'vllm:num_requests_running'),
      deferred: sum(samples, 'vllm:num_requests_waiting'),
      kvCacheUsage: max(samples, 'vllm:kv_cache_usage_perc') ?? max(samples, 'vllm:gpu_cache_usage_perc'),
      histograms: defined({
        ttft: readHistogram(samples, 'vllm:time_to_first_token_seconds'),
        queue: readHistogram(samples, 'vllm:request_queue_time_seconds'),
        e2e: readHistogram(samples, 'vllm:e2e_request_latency_seconds'),
      }),
    });
  }
  return { flavour: 'unknown' };
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
