// vLLM's /metrics: vllm:* gauges per engine (replica), counters and request histograms, labelled as vLLM does.
import type { SimContext } from './context.ts';
import type { Histogram } from './request-histograms.ts';

/** A Prometheus label value with \\, " and newlines escaped. */
function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function formatLabels(labels: Record<string, string>): string {
  return `{${Object.entries(labels)
    .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
    .join(',')}}`;
}

function head(name: string, type: string, help: string): string {
  return `# HELP vllm:${name} ${help}\n# TYPE vllm:${name} ${type}\n`;
}

function renderHistogram(
  name: string,
  help: string,
  histogram: Histogram,
  labels: Record<string, string>,
): string {
  const lines = histogram
    .cumulative()
    .map(({ le, count }) => `vllm:${name}_bucket${formatLabels({ ...labels, le })} ${count}`);
  const base = formatLabels(labels);
  lines.push(`vllm:${name}_count${base} ${histogram.count}`, `vllm:${name}_sum${base} ${histogram.sum}`);
  return `${head(name, 'histogram', help)}${lines.join('\n')}\n`;
}

/** The exposition text a vLLM server with these replicas would serve now. */
export function renderVllmMetrics(ctx: SimContext): string {
  const model = { model_name: ctx.options.modelName };
  const engines = ctx.scheduler.replicas.map((replica, i) => ({
    labels: { engine: String(i), ...model },
    replica,
  }));
  const capacity = ctx.options.slots * ctx.options.nCtx;
  const perEngine = (name: string, help: string, value: (r: (typeof engines)[number]['replica']) => number) =>
    head(name, 'gauge', help) +
    engines.map(({ labels, replica }) => `vllm:${name}${formatLabels(labels)} ${value(replica)}\n`).join('');
  const labels = { engine: '0', ...model };
  const counter = (name: string, help: string, value: number): string =>
    `${head(`${name}_total`, 'counter', help)}vllm:${name}_total${formatLabels(labels)} ${value}\n`;
  const h = ctx.histograms;
  return [
    perEngine('num_requests_running', 'Number of requests in model execution batches.', (r) => r.processing),
    perEngine('num_requests_waiting', 'Number of requests waiting to be processed.', (r) => r.deferred),
    perEngine('kv_cache_usage_perc', 'KV-cache usage. 1 means 100 percent usage.', (r) =>
      Math.min(1, r.heldTokens / capacity),
    ),
    counter('prompt_tokens', 'Number of prefill tokens processed.', ctx.metrics.promptTokensTotal),
    counter('generation_tokens', 'Number of generation tokens processed.', ctx.metrics.predictedTokensTotal),
    counter('num_preemptions', 'Cumulative number of preemption from the engine.', 0),
    counter(
      'prefix_cache_queries',
      'Prefix cache queries, in terms of number of queried tokens.',
      ctx.metrics.promptTokensTotal,
    ),
    counter('prefix_cache_hits', 'Prefix cache hits, in terms of number of cached tokens.', 0),
    head('request_success_total', 'counter', 'Count of successfully processed requests.') +
      (['stop', 'length'] as const)
        .map(
          (reason) =>
            `vllm:request_success_total${formatLabels({ ...labels, finished_reason: reason })} ${h.finished[reason]}\n`,
        )
        .join(''),
    renderHistogram(
      'time_to_first_token_seconds',
      'Histogram of time to first token in seconds.',
      h.ttft,
      labels,
    ),
    renderHistogram(
      'inter_token_latency_seconds',
      'Histogram of inter-token latency in seconds.',
      h.interToken,
      labels,
    ),
    renderHistogram(
      'e2e_request_latency_seconds',
      'Histogram of e2e request latency in seconds.',
      h.e2e,
      labels,
    ),
    renderHistogram(
      'request_queue_time_seconds',
      'Histogram of time spent in WAITING phase for request.',
      h.queue,
      labels,
    ),
    renderHistogram(
      'request_prefill_time_seconds',
      'Histogram of time spent in PREFILL phase for request.',
      h.prefill,
      labels,
    ),
    renderHistogram(
      'request_decode_time_seconds',
      'Histogram of time spent in DECODE phase for request.',
      h.decode,
      labels,
    ),
    renderHistogram(
      'request_inference_time_seconds',
      'Histogram of time spent in RUNNING phase for request.',
      h.inference,
      labels,
    ),
    renderHistogram('request_prompt_tokens', 'Number of prefill tokens processed.', h.promptTokens, labels),
    renderHistogram(
      'request_generation_tokens',
      'Number of generation tokens processed.',
      h.generationTokens,
      labels,
    ),
  ].join('');
}
