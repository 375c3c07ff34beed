import type { MetricRegistry } from './registry.ts';
import type { MetricType, ValueType } from './types.ts';

type MetricDefinition = readonly [name: string, type: MetricType, contains: ValueType];

/** k6's built-in metrics (metrics/builtin.go), registered before the script's init code runs; the WebSocket
 * ones come with the module registry (src/engine/modules/ws/ws-samples.ts). */
export const BUILTIN_METRICS: readonly MetricDefinition[] = [
  ['vus', 'gauge', 'default'],
  ['vus_max', 'gauge', 'default'],
  ['iterations', 'counter', 'default'],
  ['iteration_duration', 'trend', 'time'],
  ['dropped_iterations', 'counter', 'default'],
  ['data_sent', 'counter', 'data'],
  ['data_received', 'counter', 'data'],
  ['checks', 'rate', 'default'],
  ['group_duration', 'trend', 'time'],
  ['http_reqs', 'counter', 'default'],
  ['http_req_failed', 'rate', 'default'],
  ['http_req_duration', 'trend', 'time'],
  ['http_req_blocked', 'trend', 'time'],
  ['http_req_connecting', 'trend', 'time'],
  ['http_req_tls_handshaking', 'trend', 'time'],
  ['http_req_sending', 'trend', 'time'],
  ['http_req_waiting', 'trend', 'time'],
  ['http_req_receiving', 'trend', 'time'],
  ['grpc_req_duration', 'trend', 'time'],
];

/** Sub-metric k6 always creates so the summary shows durations of expected responses only. */
export const EXPECTED_RESPONSE_SUBMETRIC = 'expected_response:true';

/** Registers every built-in metric in `registry`. */
export function registerBuiltinMetrics(registry: MetricRegistry): void {
  for (const [name, type, contains] of BUILTIN_METRICS) registry.define(name, type, contains);
}

// k6 adds it in InitSubMetricsAndThresholds when the expected_response system tag is enabled (the default).
/** Creates http_req_duration{expected_response:true}; idempotent. */
export function addExpectedResponseSubmetric(registry: MetricRegistry): void {
  registry.get('http_req_duration')?.addSubmetric(EXPECTED_RESPONSE_SUBMETRIC);
}
