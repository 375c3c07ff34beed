import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderBarChart, type BarChartSpec } from '../../../../src/report/charts/bar-chart.ts';
import { assertWellFormed, findElements, seriesOf } from './svg-query.ts';
import { HOSTILE_NAMES } from './hostile-names.ts';

function spec(overrides: Partial<BarChartSpec> = {}): BarChartSpec {
  return {
    id: 'percentiles',
    title: 'Latency percentiles',
    yLabel: 'latency',
    categories: ['ttft', 'e2e'],
    series: [
      { name: 'p50', values: [100, 900] },
      { name: 'p99', values: [400, undefined] },
    ],
    ...overrides,
  };
}

function barsOf(svg: string): { x: number; y: number; width: number; height: number }[] {
  return findElements(svg, 'rect')
    .filter((el) => el.attrs['fill']?.startsWith('#') && el.attrs['rx'] !== undefined)
    .map((el) => ({
      x: Number(el.attrs['x']),
      y: Number(el.attrs['y']),
      width: Number(el.attrs['width']),
      height: Number(el.attrs['height']),
    }));
}

describe('renderBarChart', () => {
  it('draws a group per series with one bar per defined value', () => {
    const svg = renderBarChart(spec());
    assertWellFormed(svg);
    assert.equal(findElements(svg, 'svg')[0]?.attrs['data-chart'], 'percentiles');
    assert.deepEqual(seriesOf(svg), [
      { name: 'p50', points: 2, tag: 'g' },
      { name: 'p99', points: 1, tag: 'g' },
    ]);
    assert.match(svg, /<title>ttft · p99: 400<\/title>/);
  });

  it('makes bar heights proportional to values from a shared baseline', () => {
    const svg = renderBarChart(spec({ series: [{ name: 's', values: [100, 400] }] }));
    const [a, b] = barsOf(svg);
    assert.ok(a && b);
    assert.ok(Math.abs(b.height / a.height - 4) < 0.05, `${b.height} / ${a.height}`);
    assert.ok(Math.abs(a.y + a.height - (b.y + b.height)) < 0.02, 'same baseline');
    assert.ok(b.x > a.x);
  });

  it('draws negative values below the zero line', () => {
    const svg = renderBarChart(spec({ series: [{ name: 'delta', values: [-50, 100] }] }));
    const [down, up] = barsOf(svg);
    assert.ok(down && up);
    assert.ok(Math.abs(down.y - (up.y + up.height)) < 0.02, 'the negative bar hangs from the baseline');
  });

  it('escapes hostile categories and series names', () => {
    const svg = renderBarChart(
      spec({
        categories: [...HOSTILE_NAMES],
        series: HOSTILE_NAMES.map((name) => ({ name, values: [1, 2, 3, 4, 5] })),
      }),
    );
    assertWellFormed(svg);
    assert.doesNotMatch(svg, /<(script|img|b)\b/);
  });

  it('draws a placeholder when no value is defined', () => {
    for (const overrides of [
      { categories: [] },
      { series: [{ name: 'p50', values: [undefined, Number.NaN] }] },
    ]) {
      const svg = renderBarChart(spec(overrides));
      assertWellFormed(svg);
      assert.match(svg, /data-placeholder="no-data" data-points="0"/);
      assert.ok(seriesOf(svg).every((s) => s.points === 0));
    }
  });
});
