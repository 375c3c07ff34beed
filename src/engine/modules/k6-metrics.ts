// The `k6/metrics` module: Counter, Gauge, Rate, Trend, defined in the init context and shared by name.
import type { MetricRegistry } from '../metrics/registry.ts';
import type { MetricType } from '../metrics/types.ts';
import type { VuContext } from '../runtime/vu-context.ts';

/** Creates one VU's `k6/metrics` module over the run's registry. */
export function createMetricsModule(ctx: VuContext, registry: MetricRegistry): Record<string, unknown> {
  function metricClass(type: MetricType) {
    return class {
      readonly name: string;
      constructor(name: string, isTime = false) {
        if (!ctx.isInit()) throw new Error('metrics must be declared in the init context');
        registry.define(name, type, type === 'trend' && isTime ? 'time' : undefined);
        this.name = name;
      }

      add(value: number | boolean, tags?: Record<string, string>): boolean {
        if (ctx.isInit()) throw new Error(`cannot add a sample to '${this.name}' in the init context`);
        const numeric = typeof value === 'boolean' ? (value ? 1 : 0) : Number(value);
        if (value === null || value === undefined || Number.isNaN(numeric)) {
          console.warn(`${this.name}.add: '${String(value)}' is not a valid value; sample ignored`);
          return false;
        }
        ctx.emit({
          metric: this.name,
          time: Date.now(),
          value: numeric,
          tags: tags ? { ...ctx.tags(), ...tags } : ctx.tags(),
        });
        return true;
      }
    };
  }
  const api = {
    Counter: metricClass('counter'),
    Gauge: metricClass('gauge'),
    Rate: metricClass('rate'),
    Trend: metricClass('trend'),
  };
  return { ...api, default: api };
}
