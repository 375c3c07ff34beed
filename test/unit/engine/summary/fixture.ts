// A small finished run shared by the summary tests: checks in groups, HTTP trends, a threshold on a sub-metric.
import { MetricRegistry } from '../../../../src/engine/metrics/registry.ts';
import { registerBuiltinMetrics } from '../../../../src/engine/metrics/builtin-metrics.ts';
import type { Sample } from '../../../../src/engine/metrics/types.ts';
import { createThresholdSet, type ThresholdSet } from '../../../../src/engine/thresholds/threshold-set.ts';
import { evaluateThresholds } from '../../../../src/engine/thresholds/evaluate-thresholds.ts';
import { GroupTree } from '../../../../src/engine/summary/group-tree.ts';

export interface Run {
  registry: MetricRegistry;
  groups: GroupTree;
  thresholds: ThresholdSet;
}

export function finishedRun(): Run {
  const registry = new MetricRegistry();
  registerBuiltinMetrics(registry);
  registry.define('ttft_seconds', 'trend');
  const thresholds = createThresholdSet(
    {
      'http_req_duration{expected_response:true}': ['p(95)<500'],
      checks: ['rate>0.99'],
      dropped_iterations: ['count<1'],
    },
    registry,
  );
  const groups = new GroupTree();
  const push = (sample: Omit<Sample, 'time'>): void => {
    const full = { ...sample, time: 1_700_000_000_000 };
    registry.add(full);
    groups.addSample(full);
  };
  push({ metric: 'checks', value: 1, tags: { group: '', check: 'success completion' } });
  push({ metric: 'checks', value: 1, tags: { group: '', check: 'success completion' } });
  push({ metric: 'checks', value: 0, tags: { group: '::api', check: 'has body' } });
  push({ metric: 'checks', value: 1, tags: { group: '::api', check: 'has body' } });
  push({ metric: 'group_duration', value: 12, tags: { group: '::api::empty' } });
  for (const [value, status] of [
    [100, '200'],
    [200, '200'],
    [900, '500'],
  ] as const) {
    push({
      metric: 'http_req_duration',
      value,
      tags: { status, expected_response: String(status === '200') },
    });
    push({ metric: 'http_reqs', value: 1, tags: { status } });
  }
  push({ metric: 'vus', value: 2, tags: {} });
  push({ metric: 'data_received', value: 2048, tags: {} });
  push({ metric: 'ttft_seconds', value: 0.25, tags: {} });
  evaluateThresholds(thresholds, { elapsedMs: 2000, ignoreEmptySinks: false });
  return { registry, groups, thresholds };
}
