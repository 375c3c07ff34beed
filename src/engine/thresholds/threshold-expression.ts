import type { MetricType } from '../metrics/types.ts';

export type ThresholdOperator = '<=' | '<' | '>=' | '>' | '===' | '==' | '!=';
export type Aggregation = 'count' | 'rate' | 'value' | 'avg' | 'min' | 'med' | 'max' | 'percentile';

/** A parsed `<aggregation> <operator> <number>` threshold expression. */
export interface ThresholdExpression {
  readonly aggregation: Aggregation;
  /** For `p(N)`: N in [0, 100]. */
  readonly percentile?: number;
  readonly operator: ThresholdOperator;
  readonly value: number;
}

// k6 scans operators in this order, so "<=" wins over "<" and "===" over "==".
const OPERATORS: readonly ThresholdOperator[] = ['<=', '<', '>=', '>', '===', '==', '!='];
const KEYWORDS = new Set<Aggregation>(['count', 'rate', 'value', 'avg', 'min', 'med', 'max']);
const NUMBER = /^[+-]?((\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|inf|infinity)$/i;

/** The aggregations k6 accepts per metric type (metric_type.go supportedAggregationMethods). */
export const AGGREGATIONS_BY_TYPE: Readonly<Record<MetricType, readonly string[]>> = {
  counter: ['count', 'rate'],
  gauge: ['value'],
  rate: ['rate'],
  trend: ['avg', 'min', 'max', 'med', 'p(N)'],
};

/** Parses a threshold expression such as "p(95) < 500"; throws an Error saying what is wrong. */
export function parseThresholdExpression(input: string): ThresholdExpression {
  for (const operator of OPERATORS) {
    const at = input.indexOf(operator);
    if (at < 0) continue;
    const left = input.slice(0, at).trim();
    const right = input.slice(at + operator.length).trim();
    return { ...parseAggregation(left), operator, value: parseNumber(right) };
  }
  throw new Error(
    'malformed threshold expression, expected "<aggregation> <operator> <number>" like "p(95)<500"',
  );
}

function parseAggregation(text: string): { aggregation: Aggregation; percentile?: number } {
  if (KEYWORDS.has(text as Aggregation)) return { aggregation: text as Aggregation };
  if (text.startsWith('p(') && text.endsWith(')')) {
    const inner = text.slice(2, -1);
    const percentile = parseNumber(inner);
    if (!(percentile >= 0 && percentile <= 100)) {
      throw new Error(`malformed percentile value '${inner}', provide a number between 0 and 100`);
    }
    return { aggregation: 'percentile', percentile };
  }
  throw new Error(
    `unknown aggregation method '${text}', use one of count, rate, value, avg, min, med, max, p(N)`,
  );
}

// Go strconv.ParseFloat, decimal forms and +-Inf.
function parseNumber(text: string): number {
  if (!NUMBER.test(text)) throw new Error(`'${text}' is not a number`);
  const lower = text.toLowerCase().replace(/^\+/, '');
  if (lower === 'inf' || lower === 'infinity') return Infinity;
  if (lower === '-inf' || lower === '-infinity') return -Infinity;
  return Number(text);
}

/** The aggregation as written in an expression: "avg", "p(95)". */
export function formatAggregation(expression: ThresholdExpression): string {
  return expression.aggregation === 'percentile'
    ? `p(${expression.percentile ?? 0})`
    : expression.aggregation;
}

/** True when metrics of `type` support the expression's aggregation. */
export function supportsAggregation(type: MetricType, expression: ThresholdExpression): boolean {
  const name = expression.aggregation === 'percentile' ? 'p(N)' : expression.aggregation;
  return AGGREGATIONS_BY_TYPE[type].includes(name);
}

/** Applies the operator: does `actual <op> expected` hold? */
export function compareThreshold(actual: number, operator: ThresholdOperator, expected: number): boolean {
  switch (operator) {
    case '<=':
      return actual <= expected;
    case '<':
      return actual < expected;
    case '>=':
      return actual >= expected;
    case '>':
      return actual > expected;
    case '===':
    case '==':
      return actual === expected;
    case '!=':
      return actual !== expected;
  }
}
