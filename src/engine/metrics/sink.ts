import { CounterSink } from './counter-sink.ts';
import { GaugeSink } from './gauge-sink.ts';
import { RateSink } from './rate-sink.ts';
import { TrendSink } from './trend-sink.ts';
import type { MetricType } from './types.ts';

/** The aggregate kept for a metric; narrow on `type`. */
export type Sink = CounterSink | GaugeSink | RateSink | TrendSink;

/** A fresh, empty sink for a metric of the given type; a Trend keeps `trendExactLimit` values exactly. */
export function createSink(type: MetricType, trendExactLimit?: number): Sink {
  switch (type) {
    case 'counter':
      return new CounterSink();
    case 'gauge':
      return new GaugeSink();
    case 'rate':
      return new RateSink();
    case 'trend':
      return new TrendSink(trendExactLimit);
  }
}
