import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  computeColumnEdges,
  renderHeatmap,
  type HeatmapSpec,
} from '../../../../src/report/charts/heatmap.ts';
import { assertWellFormed, at, findElements, seriesOf } from './svg-query.ts';
import { HOSTILE_NAMES } from './hostile-names.ts';

function spec(overrides: Partial<HeatmapSpec> = {}): HeatmapSpec {
  return {
    id: 'cpu',
    title: 'CPU per core',
    xLabel: 'time',
    yLabel: 'core',
    rows: [
      { label: 'cpu0', values: [0, 25, 50, 75, 100] },
      { label: 'cpu1', values: [10, undefined, Number.NaN, 90, 40] },
    ],
    xValues: [0, 5, 10, 15, 20],
    min: 0,
    max: 100,
    ...overrides,
  };
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

describe('renderHeatmap', () => {
  it('draws one group per row with its count of sampled cells', () => {
    const svg = renderHeatmap(spec());
    assertWellFormed(svg);
    assert.equal(findElements(svg, 'svg')[0]?.attrs['data-chart'], 'cpu');
    assert.deepEqual(seriesOf(svg), [
      { name: 'cpu0', points: 5, tag: 'g' },
      { name: 'cpu1', points: 3, tag: 'g' },
    ]);
    assert.match(svg, /<title>cpu1 · time 5: no sample<\/title>/);
  });

  it('colours cells lighter as the value grows', () => {
    const values = [0, 12, 25, 37, 50, 62, 75, 87, 100];
    const svg = renderHeatmap(spec({ rows: [{ label: 'cpu0', values }], xValues: values.map((_, i) => i) }));
    const cells = findElements(svg, 'rect').filter((el) => el.attrs['data-value'] !== undefined);
    assert.equal(cells.length, values.length);
    const ordered = cells.sort((a, b) => Number(a.attrs['data-value']) - Number(b.attrs['data-value']));
    const lums = ordered.map((cell) => luminance(cell.attrs['fill'] ?? ''));
    for (let i = 1; i < lums.length; i++)
      assert.ok(at(lums, i) > at(lums, i - 1), `cell ${i} lighter than ${i - 1}`);
  });

  it('clamps values outside min and max to the ends of the scale', () => {
    const svg = renderHeatmap(
      spec({ rows: [{ label: 'r', values: [-5, 0, 100, 250] }], xValues: [0, 1, 2, 3] }),
    );
    const fills = findElements(svg, 'rect')
      .filter((el) => el.attrs['data-value'] !== undefined)
      .map((el) => el.attrs['fill']);
    assert.equal(fills[0], fills[1]);
    assert.equal(fills[2], fills[3]);
  });

  it('places columns left to right without gaps', () => {
    const svg = renderHeatmap(spec());
    const row = findElements(svg, 'rect')
      .filter((el) => el.attrs['data-value'] !== undefined)
      .slice(0, 5);
    for (let i = 1; i < row.length; i++) {
      const previous = at(row, i - 1).attrs;
      const right = Number(previous['x']) + Number(previous['width']);
      assert.ok(Math.abs(Number(at(row, i).attrs['x']) - right) < 0.02, `column ${i}`);
    }
    assert.deepEqual(computeColumnEdges([0, 5, 10]), [
      [0, 5],
      [5, 10],
      [10, 15],
    ]);
  });

  it('has a colour scale legend', () => {
    const svg = renderHeatmap(spec({ valueFormat: (v) => `${v}%` }));
    assert.equal(findElements(svg, 'linearGradient').length, 1);
    assert.match(svg, />0%</);
    assert.match(svg, />100%</);
  });

  it('escapes hostile row labels', () => {
    const svg = renderHeatmap(
      spec({ rows: HOSTILE_NAMES.map((label) => ({ label, values: [1, 2] })), xValues: [0, 1] }),
    );
    assertWellFormed(svg);
    assert.doesNotMatch(svg, /<(script|img|b)\b/);
    assert.equal(seriesOf(svg).length, HOSTILE_NAMES.length);
  });

  it('draws a placeholder when there is nothing to show', () => {
    for (const overrides of [
      { rows: [] },
      { xValues: [] },
      { rows: [{ label: 'cpu0', values: [undefined, undefined] }], xValues: [0, 1] },
    ]) {
      const svg = renderHeatmap(spec(overrides));
      assertWellFormed(svg);
      assert.match(svg, /data-placeholder="no-data" data-points="0"/);
      assert.ok(seriesOf(svg).every((s) => s.points === 0));
    }
  });
});
