import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeMetricsDamage } from '../../../src/results/describe-metrics-damage.ts';
import type { ReadPointsStats } from '../../../src/results/read-metric-points.ts';

const START = Date.UTC(2026, 7, 21, 7);
const PATH = '/b/run/metrics.json.gz';

function describeStats(stats: Partial<ReadPointsStats>) {
  return describeMetricsDamage(
    PATH,
    'metrics.json.gz',
    { points: 0, malformedLines: 0, truncated: false, ...stats },
    START,
  );
}

describe('describeMetricsDamage', () => {
  it('says nothing of a file read whole and clean', () => {
    assert.equal(describeStats({ points: 5, lastPointMs: START + 1000 }), undefined);
  });

  it('says a gzip cut short lacks its trailer, and what was read up to when', () => {
    assert.deepEqual(
      describeStats({
        points: 1234,
        truncated: true,
        cutLine: true,
        gzip: { kind: 'cut' },
        lastPointMs: START + 4200,
      }),
      {
        path: PATH,
        file: 'metrics.json.gz',
        problem: 'cut short (the gzip stream ends without its trailer)',
        recovered:
          'read 1,234 points up to there (4.2 s into the run) — figures after that moment are missing',
        unusable: false,
      },
    );
  });

  it('says random bytes are not gzip, and that nothing could be read', () => {
    const damage = describeStats({ gzip: { kind: 'not-gzip', reason: 'incorrect header check' } });
    assert.equal(damage?.problem, 'not gzip (incorrect header check)');
    assert.equal(
      damage?.recovered,
      'nothing could be read from it: no per-second series, distributions, error kinds or goodput',
    );
    assert.equal(damage?.unusable, true);
  });

  it('gives the byte range of corrupt data, the malformed lines, and the wrong checksum', () => {
    const corrupt = describeStats({
      points: 1,
      malformedLines: 3,
      gzip: { kind: 'corrupt', reason: 'invalid block type', from: 65_536, to: 131_072 },
      lastPointMs: START,
    });
    assert.equal(
      corrupt?.problem,
      'gzip data corrupt between bytes 65,536 and 131,072 (invalid block type); 3 malformed lines skipped',
    );
    assert.equal(
      corrupt?.recovered,
      'read 1 point up to there (0.0 s into the run) — figures after that moment are missing',
    );
    const checksum = describeStats({ points: 9, gzip: { kind: 'checksum', reason: 'incorrect data check' } });
    assert.equal(
      checksum?.problem,
      'gzip checksum wrong (incorrect data check): the data decoded, but is not all what was written',
    );
    assert.equal(checksum?.recovered, 'read 9 points, any of which may be wrong');
    assert.equal(describeStats({ points: 2, malformedLines: 1 })?.problem, '1 malformed line skipped');
    assert.equal(describeStats({ points: 2, malformedLines: 1 })?.recovered, 'read 2 points');
  });

  it('says a plain file whose last line is cut stops early', () => {
    const damage = describeStats({ points: 2, truncated: true, cutLine: true, lastPointMs: START + 500 });
    assert.equal(damage?.problem, 'its last line is cut (the run stopped while writing it)');
    assert.equal(
      damage?.recovered,
      'read 2 points up to there (0.5 s into the run) — figures after that moment are missing',
    );
  });
});
