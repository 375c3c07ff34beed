import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SOAK_THRESHOLDS, parseSoakThresholds } from '../../../src/diagnose/soak/soak-thresholds.ts';

describe('soak thresholds', () => {
  it('starts from the defaults and reads shares as percentages or fractions', () => {
    assert.deepEqual(parseSoakThresholds(undefined), DEFAULT_SOAK_THRESHOLDS);
    const t = parseSoakThresholds('memory_slope=5, throughput_drop=10%,tpot_rise=0.5,burst_errors=7');
    assert.equal(t.memorySlopeMbPerMin, 5);
    assert.equal(t.maxThroughputDrop, 0.1);
    assert.equal(t.maxTpotRise, 0.5);
    assert.equal(t.burstMinErrors, 7);
    assert.equal(t.memoryGrowthMb, DEFAULT_SOAK_THRESHOLDS.memoryGrowthMb);
  });

  it('names the option, the key and what was expected', () => {
    assert.throws(
      () => parseSoakThresholds('leak=3'),
      /--thresholds: unknown key 'leak' \(expected one of memory_slope/,
    );
    assert.throws(
      () => parseSoakThresholds('throughput_drop=150%'),
      /throughput_drop: expected a share, e\.g\. 20% or 0\.2, got '150%'/,
    );
    assert.throws(
      () => parseSoakThresholds('memory_growth=', 'THRESHOLDS'),
      /THRESHOLDS: memory_growth: expected MB/,
    );
    assert.throws(() => parseSoakThresholds('memory_slope=-1'), /memory_slope: expected MB per minute/);
  });
});
