import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { measureText, renderXAxis } from '../../../../src/report/charts/chart-frame.ts';
import { findElements } from './svg-query.ts';

describe('renderXAxis', () => {
  it('pulls a label at the right edge of the plot in, so that it stays inside the chart', () => {
    const plot = { x: 50, y: 20, width: 574, height: 200 };
    const ticks = [0, 50, 100].map((value) => ({ value, position: plot.x + (plot.width * value) / 100 }));
    const svg = renderXAxis(ticks, plot, (v) => `${v} milliseconds`);
    const labels = findElements(svg, 'text').map((t) => Number(t.attrs['x']));
    const half = measureText('100 milliseconds') / 2;
    assert.deepEqual(labels.slice(0, 2), [50, 337]);
    assert.equal(labels[2], plot.x + plot.width + 16 - 2 - half);
    const gridlines = findElements(svg, 'line').filter((l) => l.attrs['y1'] === String(plot.y));
    assert.equal(
      gridlines.at(-1)?.attrs['x1'],
      String(plot.x + plot.width),
      'the gridline stays at the tick',
    );
  });
});
