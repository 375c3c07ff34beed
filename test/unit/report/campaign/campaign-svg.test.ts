// The campaign's own chart kinds: the categorical heatmap and the x-y chart of dots and lines.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderGridHeatmap } from '../../../../src/report/campaign/grid-heatmap.ts';
import { renderXyChart } from '../../../../src/report/campaign/xy-chart.ts';

describe('renderGridHeatmap', () => {
  it('labels every cell, marks failed and missing ones, one [data-series] per row', () => {
    const svg = renderGridHeatmap({
      id: 'h',
      title: 'Output tok/s',
      xLabel: 'instances',
      yLabel: 'slots',
      columns: ['1', '2'],
      rows: ['1', '4'],
      values: [
        [10, 20],
        [30, undefined],
      ],
      failed: [
        [false, false],
        [false, true],
      ],
      direction: 'higher-better',
    });
    assert.match(svg, /data-series="1" data-points="2"/);
    assert.match(svg, /data-series="4" data-points="1"/);
    assert.equal(svg.match(/data-failed/g)?.length, 1);
    assert.match(svg, />failed</);
    // Brighter is better: the highest throughput gets viridis' light end, the lowest its dark end.
    assert.match(svg, /data-value="30"><rect[^>]*fill="#fde725"/);
    assert.match(svg, /data-value="10"><rect[^>]*fill="#440154"/);
  });

  it('turns the colours round for a metric where lower is better', () => {
    const svg = renderGridHeatmap({
      id: 'h',
      title: 'p95',
      xLabel: 'x',
      yLabel: 'y',
      columns: ['a', 'b'],
      rows: ['r'],
      values: [[100, 900]],
      direction: 'lower-better',
    });
    assert.match(svg, /data-value="100"><rect[^>]*fill="#fde725"/);
    assert.match(svg, />not run<|data-points="2"/);
  });

  it('draws the placeholder when nothing was measured', () => {
    const svg = renderGridHeatmap({
      id: 'h',
      title: 't',
      xLabel: 'x',
      yLabel: 'y',
      columns: ['a'],
      rows: ['r'],
      values: [[undefined]],
      direction: 'higher-better',
    });
    assert.match(svg, /data-placeholder="no-data"/);
  });
});

describe('renderXyChart', () => {
  it('draws dots, lines or both per series and counts their points', () => {
    const svg = renderXyChart({
      id: 'xy',
      title: 'scaling',
      xLabel: 'N',
      yLabel: 'tok/s',
      series: [
        {
          name: 'measured',
          mode: 'dots',
          points: [
            { x: 1, y: 10 },
            { x: 2, y: 19, label: 'cell <b>' },
          ],
        },
        {
          name: 'fit',
          mode: 'line',
          points: [
            { x: 1, y: 10 },
            { x: 2, y: 18 },
            { x: 3, y: NaN },
          ],
        },
        { name: 'front', mode: 'line+dots', points: [{ x: 1, y: 5 }] },
      ],
    });
    assert.match(svg, /data-series="measured" data-points="2"><circle/);
    assert.match(svg, /data-series="fit" data-points="2"><path/);
    assert.match(svg, /data-series="front" data-points="1"><circle/);
    assert.ok(svg.includes('cell &lt;b&gt;'));
    assert.doesNotMatch(svg, /data-placeholder/);
  });

  it('draws the placeholder with no finite point', () => {
    const svg = renderXyChart({
      id: 'xy',
      title: 't',
      xLabel: 'x',
      yLabel: 'y',
      series: [{ name: 's', mode: 'dots', points: [] }],
    });
    assert.match(svg, /data-placeholder="no-data"/);
    assert.match(svg, /data-series="s" data-points="0"/);
  });
});
