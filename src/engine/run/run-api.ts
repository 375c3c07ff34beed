// The run's REST API (k6's --address): the status of this run, its --paused gate and a stop, over HTTP.
import type { Metric } from '../metrics/metric.ts';
import { startStatusApi } from '../api/status-api.ts';
import { EXIT_INTERRUPTED } from '../exit-codes.ts';
import type { RunContext } from './run-context.ts';

/** Listens on `address` until the run's cleanup; tells options.onApiListening where. */
export async function startRunApi(run: RunContext, address: string): Promise<void> {
  const api = await startStatusApi(address, {
    status: () => {
      const instance = run.observer.instance(run.elapsedMs());
      return {
        status: run.status.status,
        paused: run.status.paused,
        vus: instance.vusActive,
        'vus-max': instance.vusInitialized,
        stopped: run.control.code !== undefined,
        running: run.status.running,
        tainted: run.status.tainted,
      };
    },
    metric: (id) => {
      const metric = run.registry.get(id);
      return (
        metric && { type: metric.type, contains: metric.contains, sample: sampleOf(metric, run.elapsedMs()) }
      );
    },
    resume: () => run.status.resume(),
    stop: () =>
      run.control.abort(
        EXIT_INTERRUPTED,
        'stopped through the REST API (PATCH /v1/status {"stopped": true})',
      ),
  });
  run.cleanup.defer(() => api.close());
  run.options.onApiListening?.(api.address);
}

/** What k6's API shows of a metric's sink (Sink.Format): a Counter's count and rate, a Rate's rate, ... */
function sampleOf(metric: Metric, elapsedMs: number): Record<string, number> {
  const sink = metric.sink;
  switch (sink.type) {
    case 'counter':
      return { count: sink.count, rate: elapsedMs > 0 ? (sink.count * 1000) / elapsedMs : 0 };
    case 'rate':
      return { rate: sink.rate };
    case 'gauge':
      return { value: sink.value };
    case 'trend':
      return { avg: sink.avg, min: sink.min, med: sink.med, max: sink.max };
  }
}
