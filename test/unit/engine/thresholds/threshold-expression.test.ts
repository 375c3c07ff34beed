import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  compareThreshold,
  parseThresholdExpression,
  supportsAggregation,
} from '../../../../src/engine/thresholds/threshold-expression.ts';

describe('parseThresholdExpression', () => {
  it('parses every operator', () => {
    const ops = ['<=', '<', '>=', '>', '===', '==', '!='] as const;
    for (const op of ops) {
      assert.deepEqual(
        parseThresholdExpression(`avg${op}100`),
        { aggregation: 'avg', operator: op, value: 100 },
        op,
      );
    }
  });

  it('scans operators in k6 order', () => {
    assert.equal(parseThresholdExpression('rate <= 0.1').operator, '<=');
    assert.equal(parseThresholdExpression('count >= 3').operator, '>=');
    assert.equal(parseThresholdExpression('value === 3').operator, '===');
    assert.equal(parseThresholdExpression('value == 3').operator, '==');
  });

  it('parses every aggregation, trimming whitespace', () => {
    for (const agg of ['count', 'rate', 'value', 'avg', 'min', 'med', 'max']) {
      assert.equal(parseThresholdExpression(`  ${agg}  >  1.5 `).aggregation, agg);
    }
    assert.deepEqual(parseThresholdExpression('p(99.9) < 1e3'), {
      aggregation: 'percentile',
      percentile: 99.9,
      operator: '<',
      value: 1000,
    });
    assert.equal(parseThresholdExpression('p(95)<-5').value, -5);
  });

  it('rejects malformed expressions', () => {
    assert.throws(() => parseThresholdExpression('p(95) 500'), /malformed threshold expression/);
    assert.throws(() => parseThresholdExpression(''), /malformed threshold expression/);
    assert.throws(() => parseThresholdExpression('mean < 5'), /unknown aggregation method 'mean'/);
    assert.throws(() => parseThresholdExpression('p(95 < 5'), /unknown aggregation method/);
    assert.throws(() => parseThresholdExpression('p(abc) < 5'), /not a number/);
    assert.throws(() => parseThresholdExpression('p(101) < 5'), /between 0 and 100/);
    assert.throws(() => parseThresholdExpression('avg < fast'), /'fast' is not a number/);
    assert.throws(() => parseThresholdExpression('avg < '), /'' is not a number/);
  });
});

describe('supportsAggregation', () => {
  it('allows k6 aggregations per metric type', () => {
    const ok = (type: 'counter' | 'gauge' | 'rate' | 'trend', expr: string): boolean =>
      supportsAggregation(type, parseThresholdExpression(expr));
    assert.ok(ok('counter', 'count>1') && ok('counter', 'rate>1'));
    assert.ok(!ok('counter', 'avg>1') && !ok('counter', 'value>1'));
    assert.ok(ok('gauge', 'value>1') && !ok('gauge', 'max>1'));
    assert.ok(ok('rate', 'rate<0.1') && !ok('rate', 'count>1'));
    for (const agg of ['avg', 'min', 'max', 'med', 'p(95)']) assert.ok(ok('trend', `${agg}<1`), agg);
    assert.ok(!ok('trend', 'count>1') && !ok('trend', 'rate>1') && !ok('trend', 'value>1'));
  });
});

describe('compareThreshold', () => {
  it('applies each operator', () => {
    assert.deepEqual(
      (['<=', '<', '>=', '>', '===', '==', '!='] as const).map((op) => compareThreshold(5, op, 5)),
      [true, false, true, false, true, true, false],
    );
  });
});
