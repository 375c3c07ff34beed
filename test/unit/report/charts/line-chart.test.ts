import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  renderLineChart,
  splitIntoSegments,
  type LineChartSpec,
} from '../../../../src/report/charts/line-chart.ts';
import { assertWellFormed, at, findElements, pathPoints, seriesOf } from './svg-query.ts';
import { HOSTILE_NAMES } from './hostile-names.ts';

function spec(overrides: Partial<LineChartSpec> = {}): LineChartSpec {
  return {
    id: 'throughput',
    title: 'Throughput',
    xLabel: 'time since start',
    yLabel: 'tokens/s',
    series: [
      { name: 'run A', points: [0, 1, 2, 3, 4].map((x) => ({ x, y: 10 + x })) },
      { name: 'run B', points: [0, 1, 2, 3, 4].map((x) => ({ x, y: 20 - x })) },
    ],
    ...overrides,
  };
}

function pathOf(svg: string, name: string): string {
  const path = findElements(svg, 'path').find((el) => el.attrs['data-series'] === name);
  assert.ok(path, `a path for ${name}`);
  return path.attrs['d'] ?? '';
}

describe('renderLineChart', () => {
  it('marks the root and every series for the browser test', () => {
    const svg = renderLineChart(spec());
    assertWellFormed(svg);
    const [root] = findElements(svg, 'svg');
    assert.equal(root?.attrs['data-chart'], 'throughput');
    assert.equal(root?.attrs['role'], 'img');
    assert.match(svg, /<title id="[^"]+">Throughput<\/title>/);
    assert.deepEqual(seriesOf(svg), [
      { name: 'run A', points: 5, tag: 'path' },
      { name: 'run B', points: 5, tag: 'path' },
    ]);
    assert.equal(pathPoints(pathOf(svg, 'run A')).length, 5);
  });

  it('draws x increasing along each path, even when points come unsorted', () => {
    const svg = renderLineChart(
      spec({ series: [{ name: 's', points: [3, 1, 4, 0, 2].map((x) => ({ x, y: x * x })) }] }),
    );
    const points = pathPoints(pathOf(svg, 's'));
    assert.equal(points.length, 5);
    for (let i = 1; i < points.length; i++) assert.ok(at(points, i).x > at(points, i - 1).x, `x at ${i}`);
    // Larger values are higher up, so smaller y in SVG.
    assert.ok(at(points, 4).y < at(points, 0).y);
  });

  it('breaks the line at undefined and NaN values', () => {
    const ys = [1, 2, undefined, 4, 5, Number.NaN, 7];
    const svg = renderLineChart(spec({ series: [{ name: 'gappy', points: ys.map((y, x) => ({ x, y })) }] }));
    const points = pathPoints(pathOf(svg, 'gappy'));
    assert.deepEqual(
      points.map((p) => p.command),
      ['M', 'L', 'M', 'L', 'M'],
    );
    assert.equal(seriesOf(svg)[0]?.points, 5);
    // The lone last point gets a dot so that it is not invisible.
    assert.ok(findElements(svg, 'circle').length >= 1);
  });

  it('splits segments without the missing points', () => {
    assert.deepEqual(
      splitIntoSegments([
        { x: 0, y: 1 },
        { x: 1, y: undefined },
        { x: 2, y: 3 },
        { x: Number.NaN, y: 3 },
      ]),
      [[{ x: 0, y: 1 }], [{ x: 2, y: 3 }]],
    );
  });

  it('draws steps as horizontal then vertical moves', () => {
    const svg = renderLineChart(
      spec({ step: true, series: [{ name: 's', points: [0, 1, 2].map((x) => ({ x, y: x })) }] }),
    );
    const points = pathPoints(pathOf(svg, 's'));
    assert.equal(points.length, 5);
    assert.equal(at(points, 1).y, at(points, 0).y, 'holds the value');
    assert.equal(at(points, 2).x, at(points, 1).x, 'then jumps');
  });

  it('draws a marker with a tooltip per point when asked', () => {
    const svg = renderLineChart(spec({ markers: true, xFormat: (v) => `${v} VUs` }));
    const circles = findElements(svg, 'circle');
    assert.equal(circles.length, 10);
    assert.match(svg, /<title>run A\ntime since start: 2 VUs\ntokens\/s: 12<\/title>/);
  });

  it('escapes hostile series names, titles and labels', () => {
    const svg = renderLineChart(
      spec({
        title: HOSTILE_NAMES[0],
        xLabel: HOSTILE_NAMES[1],
        yLabel: HOSTILE_NAMES[2],
        series: HOSTILE_NAMES.map((name, i) => ({
          name,
          points: [
            { x: 0, y: i },
            { x: 1, y: i + 1 },
          ],
        })),
        markers: true,
      }),
    );
    assertWellFormed(svg);
    assert.doesNotMatch(svg, /<(script|img|b)\b/);
    assert.deepEqual(
      seriesOf(svg).map((s) => s.name),
      HOSTILE_NAMES.map((name) => name.replace('\u0001\u0008', '')),
    );
  });

  it('draws a "no data" placeholder when nothing is drawable', () => {
    for (const series of [
      [],
      [{ name: 'gpu0', points: [] }],
      [{ name: 'gpu0', points: [{ x: 1, y: undefined }] }],
    ]) {
      const svg = renderLineChart(spec({ series }));
      assertWellFormed(svg);
      assert.match(svg, /data-placeholder="no-data" data-points="0"/);
      assert.match(svg, />No data</);
      assert.ok(seriesOf(svg).every((s) => s.points === 0));
      assert.doesNotMatch(svg, /NaN|Infinity/);
    }
  });

  it('handles a single point and a constant series without NaN', () => {
    const single = renderLineChart(spec({ series: [{ name: 's', points: [{ x: 5, y: 3 }] }] }));
    const flat = renderLineChart(
      spec({ series: [{ name: 's', points: [0, 1, 2].map((x) => ({ x, y: 0 })) }] }),
    );
    for (const svg of [single, flat]) {
      assertWellFormed(svg);
      assert.doesNotMatch(svg, /NaN|Infinity/);
    }
    assert.equal(seriesOf(single)[0]?.points, 1);
  });

  it('starts the y axis at yMin', () => {
    const svg = renderLineChart(spec({ yMin: 0, yFormat: (v) => `${v} tok/s` }));
    assert.match(svg, />0 tok\/s</);
  });
});
