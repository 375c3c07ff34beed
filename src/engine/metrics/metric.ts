import { parseSelectorTags } from './metric-selector.ts';
import { createSink, type Sink } from './sink.ts';
import type { MetricType, Sample, ValueType } from './types.ts';

/** A metric and its sink; sub-metrics get their own Metric whose `parent` is set. */
export class Metric {
  readonly sink: Sink;
  readonly submetrics: Submetric[] = [];
  /** Had a sample or has thresholds: only observed metrics reach the summary. */
  observed = false;
  /** Set on a sub-metric's own Metric. */
  submetric: Submetric | undefined;

  constructor(
    readonly name: string,
    readonly type: MetricType,
    readonly contains: ValueType,
    /** How many values a Trend keeps exactly (TrendSink's default when left out). */
    readonly trendExactLimit?: number,
  ) {
    this.sink = createSink(type, trendExactLimit);
  }

  /** Feeds a sample to this metric and every sub-metric whose tags it contains (the engine's hot path). */
  add(sample: Sample): void {
    this.observed = true;
    this.sink.add(sample.value);
    const submetrics = this.submetrics;
    for (let i = 0; i < submetrics.length; i++) {
      const sub = submetrics[i];
      if (sub !== undefined && sub.matches(sample.tags)) {
        sub.metric.observed = true;
        sub.metric.sink.add(sample.value);
      }
    }
  }

  /** The sub-metric for selector text like "status:200,method:GET"; creates it once per distinct tag set. */
  addSubmetric(selector: string): Submetric {
    const suffix = selector.trim();
    if (suffix === '') throw new Error(`submetric criteria for metric '${this.name}' cannot be empty`);
    const tags = parseSelectorTags(suffix);
    const key = tagSetKey(tags);
    const existing = this.submetrics.find((sub) => tagSetKey(sub.tags) === key);
    if (existing !== undefined) return existing;
    const sub = new Submetric(this, suffix, tags);
    this.submetrics.push(sub);
    return sub;
  }
}

/** A tag filter on a parent metric, e.g. http_req_duration{expected_response:true}. */
export class Submetric {
  readonly name: string;
  readonly metric: Metric;
  private readonly keys: string[];
  private readonly values: string[];

  constructor(
    readonly parent: Metric,
    readonly suffix: string,
    readonly tags: Readonly<Record<string, string>>,
  ) {
    this.name = `${parent.name}{${suffix}}`;
    this.metric = new Metric(this.name, parent.type, parent.contains, parent.trendExactLimit);
    this.metric.submetric = this;
    this.keys = Object.keys(tags);
    this.values = this.keys.map((k) => tags[k] ?? '');
  }

  /** True when `tags` contains every pair of the selector. */
  matches(tags: Readonly<Record<string, string>>): boolean {
    for (let i = 0; i < this.keys.length; i++) {
      if (tags[this.keys[i] ?? ''] !== this.values[i]) return false;
    }
    return true;
  }
}

function tagSetKey(tags: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
