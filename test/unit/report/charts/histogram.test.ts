import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  binSeries,
  chooseHistogramScale,
  renderHistogram,
  type HistogramSpec,
} from '../../../../src/report/charts/histogram.ts';
import { assertWellFormed, at, findElements, seriesOf } from './svg-query.ts';
import { HOSTILE_NAMES } from './hostile-names.ts';

function spec(overrides: Partial<HistogramSpec> = {}): HistogramSpec {
  return {
    id: 'latency',
    title: 'Latency',
    xLabel: 'latency',
    series: [{ name: 'e2e', values: [100, 120, 130, 150, 200, 210, 300] }],
    ...overrides,
  };
}

describe('binSeries', () => {
  it('bins on nice shared edges, counting every finite value once', () => {
    const binned = binSeries(
      [
        [0, 1, 2, 9.99, 10],
        [5, Number.NaN, 7],
      ],
      { bins: 10, scale: 'linear' },
    );
    assert.equal(binned.scale, 'linear');
    assert.deepEqual(binned.edges, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.deepEqual(binned.counts[0], [1, 1, 1, 0, 0, 0, 0, 0, 0, 2]);
    assert.deepEqual(binned.counts[1], [0, 0, 0, 0, 0, 1, 0, 1, 0, 0]);
  });

  it('spaces log bins evenly by decade, leaving out non-positive values', () => {
    const binned = binSeries([[1, 10, 100, 1000, 0, -1]], { bins: 3, scale: 'log' });
    assert.deepEqual(binned.edges, [1, 10, 100, 1000]);
    assert.deepEqual(binned.counts[0], [1, 1, 2]);
  });

  it('picks log bins for a wide positive spread only', () => {
    const tail = Array.from({ length: 200 }, (_, i) => 10 * 1.05 ** i);
    assert.equal(chooseHistogramScale(tail), 'log');
    assert.equal(chooseHistogramScale([100, 120, 150, 300]), 'linear');
    assert.equal(chooseHistogramScale([0, 1, 1000, 10_000]), 'linear');
  });

  it('gives one bin to a single repeated value', () => {
    const binned = binSeries([[5, 5, 5]], { scale: 'linear' });
    assert.equal(binned.edges.length, 2);
    assert.deepEqual(binned.counts[0], [3]);
  });
});

describe('renderHistogram', () => {
  it('labels a count axis in whole numbers when the bars are short', () => {
    const svg = renderHistogram(spec({ series: [{ name: 'e2e', values: [100, 200, 200, 300] }], bins: 3 }));
    const yAxis = svg.slice(svg.indexOf('class="y-axis"'), svg.indexOf('class="x-axis"'));
    const labels = [...yAxis.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    assert.deepEqual(labels, ['0', '1', '2', 'count']);
  });

  it('draws a group of bars per series, data-points counting samples', () => {
    const svg = renderHistogram(
      spec({
        series: [
          { name: 'run A', values: [100, 120, 130, 150, 200] },
          { name: 'run B', values: [110, 300, Number.NaN] },
        ],
        bins: 5,
      }),
    );
    assertWellFormed(svg);
    assert.deepEqual(seriesOf(svg), [
      { name: 'run A', points: 5, tag: 'g' },
      { name: 'run B', points: 2, tag: 'g' },
    ]);
    const groups = findElements(svg, 'g').filter((el) => el.attrs['data-series'] !== undefined);
    assert.ok(groups.every((g) => Number(g.attrs['data-bins']) > 0));
    assert.match(svg, /<title>run A\n[^<]+: \d+ \([\d.]+%\)<\/title>/);
  });

  it('puts bars next to each other when asked, inside their bin', () => {
    const values = [1, 2, 3, 4];
    const svg = renderHistogram(
      spec({
        series: [
          { name: 'a', values },
          { name: 'b', values },
        ],
        bins: 3,
        scale: 'linear',
        layout: 'side-by-side',
      }),
    );
    const rects = findElements(svg, 'rect').filter((el) => el.attrs['fill-opacity'] !== undefined);
    assert.equal(rects.length, 6, 'three bins [1,2) [2,3) [3,4] for each series');
    const x = (i: number) => Number(at(rects, i).attrs['x']);
    assert.ok(x(3) > x(0) && x(3) < x(1), 'the second series sits to the right, inside the same bin');
  });

  it('labels a log axis as such', () => {
    const svg = renderHistogram(spec({ series: [{ name: 'e2e', values: [1, 10, 100, 1000, 10_000] }] }));
    assert.match(svg, /latency \(log scale\)/);
  });

  it('escapes hostile series names', () => {
    const svg = renderHistogram(spec({ series: HOSTILE_NAMES.map((name) => ({ name, values: [1, 2, 3] })) }));
    assertWellFormed(svg);
    assert.doesNotMatch(svg, /<(script|img|b)\b/);
  });

  it('draws a placeholder for no samples', () => {
    for (const series of [[], [{ name: 'e2e', values: [] }], [{ name: 'e2e', values: [Number.NaN] }]]) {
      const svg = renderHistogram(spec({ series }));
      assertWellFormed(svg);
      assert.match(svg, /data-placeholder="no-data" data-points="0"/);
      assert.ok(seriesOf(svg).every((s) => s.points === 0));
    }
  });
});
