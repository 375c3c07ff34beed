// amdahl_fit.csv: a row per factor and N, each carrying its factor's parameters and intervals.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeScaling } from '../../../../src/campaign/analysis/scaling-analysis.ts';
import { AMDAHL_CSV_HEADER, renderAmdahlCsv } from '../../../../src/report/campaign/render-amdahl-csv.ts';
import { buildCampaignRecord, uslCurve } from '../../../helpers/campaign-record.ts';

function parse(csv: string): Record<string, string>[] {
  const [header, ...lines] = csv
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));
  return lines.map((cells) => Object.fromEntries((header ?? []).map((name, i) => [name, cells[i] ?? ''])));
}

describe('renderAmdahlCsv', () => {
  it('writes measured, both laws, efficiency and the fitted parameters with their intervals', () => {
    const record = buildCampaignRecord({
      server: { instances: [1, 2, 4, 8, 12, 16] },
      load: { concurrency: [64] },
      repetitions: 2,
      throughput: uslCurve('instances', 50, 0.05, 0.01),
    });
    const [scaling] = analyzeScaling(record);
    assert.ok(scaling?.amdahl && scaling.usl);
    const csv = renderAmdahlCsv([scaling]);
    assert.equal(csv.split('\r\n')[0], AMDAHL_CSV_HEADER.join(','));
    const rows = parse(csv);
    assert.deepEqual(
      rows.map((r) => r['N']),
      ['1', '2', '4', '8', '12', '16'],
    );
    for (const [i, row] of rows.entries()) {
      const point = scaling.points[i];
      assert.ok(point);
      assert.equal(row['factor'], 'instances');
      assert.ok(Math.abs(Number(row['measured']) - point.measured) < 1e-6);
      assert.ok(Math.abs(Number(row['usl']) - (point.usl ?? NaN)) < 1e-6);
      assert.ok(Math.abs(Number(row['efficiency']) - (point.efficiency ?? NaN)) < 1e-6);
      assert.equal(row['repetitions'], '2');
      assert.ok(Math.abs(Number(row['amdahl_s']) - scaling.amdahl.fit.s) < 1e-6);
      assert.ok(
        Math.abs(Number(row['usl_kappa']) / scaling.usl.fit.kappa - 1) < 1e-5,
        'kappa keeps six digits',
      );
      assert.ok(Number(row['usl_kappa_low']) <= Number(row['usl_kappa']));
      assert.ok(Number(row['usl_kappa']) <= Number(row['usl_kappa_high']));
      assert.equal(row['ci_level'], '0.95');
    }
    assert.equal(rows[0]?.['efficiency'], '1');
  });

  it('leaves what could not be fitted empty, and writes only the header with nothing to fit', () => {
    const record = buildCampaignRecord({
      server: { instances: [1, 2] },
      load: { concurrency: [8] },
      throughput: uslCurve('instances', 50, 0.05, 0.01),
    });
    const rows = parse(renderAmdahlCsv(analyzeScaling(record)));
    assert.equal(rows.length, 2);
    assert.notEqual(rows[0]?.['amdahl_s'], '');
    assert.equal(rows[0]?.['usl_sigma'], '');
    assert.equal(renderAmdahlCsv([]), `${AMDAHL_CSV_HEADER.join(',')}\r\n`);
  });
});
