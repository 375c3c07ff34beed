// k6 metrics.checkName: 2..129 ASCII letters, digits or underscores, not starting with a digit.
const METRIC_NAME = /^[a-zA-Z_][a-zA-Z0-9_]{1,128}$/;

const BAD_NAME_HINT =
  'Metric names must only include up to 128 ASCII letters, numbers, or underscores and start with a letter or an underscore.';

/** True when k6 accepts `name` as a metric name. */
export function isValidMetricName(name: string): boolean {
  return METRIC_NAME.test(name);
}

/** Throws k6's "Invalid metric name" error when `name` is not acceptable. */
export function validateMetricName(name: string): void {
  if (!isValidMetricName(name)) throw new Error(`Invalid metric name: '${name}'. ${BAD_NAME_HINT}`);
}
