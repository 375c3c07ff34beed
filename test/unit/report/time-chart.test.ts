import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildTimeChart, scaleBytes } from '../../../src/report/time-chart.ts';

describe('time-chart', () => {
  it('scales bytes to the largest binary unit the data reaches', () => {
    const scaled = scaleBytes([
      {
        name: 'used',
        points: [
          { x: 0, y: 3 * 2 ** 30 },
          { x: 1, y: undefined },
        ],
      },
    ]);
    assert.equal(scaled.unit, 'GiB');
    assert.deepEqual(scaled.series[0]?.points, [
      { x: 0, y: 3 },
      { x: 1, y: undefined },
    ]);
    assert.equal(scaled.format(2.5), '2.5 GiB');
    assert.equal(scaleBytes([{ name: 'rss', points: [{ x: 0, y: 512 }] }]).unit, 'B');
  });

  it('leaves out a series without any value, and says why a chart with none is empty', () => {
    const base = {
      id: 't',
      title: 'T',
      yLabel: 'y',
      emptyReason: 'nothing sampled',
      xDomain: [0, 10] as const,
    };
    const chart = buildTimeChart({
      ...base,
      series: [
        { name: 'a', points: [{ x: 1, y: 2 }] },
        { name: 'b', points: [{ x: 1, y: undefined }] },
      ],
    });
    assert.equal(chart.emptyReason, null);
    assert.match(chart.svg, /data-series="a"/);
    assert.doesNotMatch(chart.svg, /data-series="b"/);
    const empty = buildTimeChart({ ...base, series: [{ name: 'b', points: [] }] });
    assert.equal(empty.emptyReason, 'nothing sampled');
    assert.match(empty.svg, /data-placeholder="no-data"/);
    assert.match(empty.svg, /data-series="b" data-points="0"/);
  });
});
