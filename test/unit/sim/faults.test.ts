import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { drawFault, parseFaultHeader, parseFaultRates, resolveTokenPoint } from '../../../src/sim/faults.ts';
import { RequestError } from '../../../src/sim/http-io.ts';
import { resolveSimOptions } from '../../../src/sim/options.ts';
import { createRandom } from '../../../src/sim/prng.ts';
import { UserError } from '../../../src/util/errors.ts';

describe('parseFaultHeader', () => {
  it('reads every fault, separated by ; or ,', () => {
    assert.deepEqual(parseFaultHeader('status=503'), { status: 503 });
    assert.deepEqual(parseFaultHeader('disconnect-after=5; stall-ms=2000, stall-after=3'), {
      disconnectAfter: 5,
      stallMs: 2000,
      stallAfter: 3,
    });
    assert.deepEqual(parseFaultHeader('malformed;slow-headers-ms=1500;html'), {
      malformedAfter: 'mid',
      slowHeadersMs: 1500,
      html: true,
    });
    assert.deepEqual(parseFaultHeader('none'), {});
  });

  it('rejects unknown faults and bad values with a 400 naming the valid ones', () => {
    assert.throws(
      () => parseFaultHeader('explode'),
      (e: unknown) => {
        assert.ok(e instanceof RequestError);
        assert.equal(e.status, 400);
        assert.match(e.message, /unknown fault 'explode'.*status, disconnect-after/);
        return true;
      },
    );
    assert.throws(() => parseFaultHeader('status=200'), /status needs an integer from 400 to 599/);
    assert.throws(() => parseFaultHeader('stall-ms'), /stall-ms needs an integer/);
    assert.throws(() => parseFaultHeader('stall-after=2'), /stall-after needs stall-ms/);
  });
});

describe('drawFault', () => {
  it('draws the configured kind with probability 1 and nothing with 0', () => {
    const random = createRandom(1);
    const stall = resolveSimOptions({ faultRates: { stall: 1 }, faultStallMs: 700 });
    assert.deepEqual(drawFault(random, stall), { stallMs: 700, stallAfter: 'mid' });
    assert.deepEqual(drawFault(random, resolveSimOptions()), {});
  });

  it('is deterministic for a seed', () => {
    const options = resolveSimOptions({ faultRates: { status: 0.3, html: 0.2 } });
    const sequence = (seed: number) => {
      const random = createRandom(seed);
      return Array.from({ length: 20 }, () => drawFault(random, options));
    };
    assert.deepEqual(sequence(5), sequence(5));
    assert.ok(sequence(5).some((f) => f.status !== undefined));
  });
});

describe('resolveTokenPoint and parseFaultRates', () => {
  it('puts mid half-way, at least 1', () => {
    assert.equal(resolveTokenPoint('mid', 10), 5);
    assert.equal(resolveTokenPoint('mid', 1), 1);
    assert.equal(resolveTokenPoint(3, 10), 3);
    assert.equal(resolveTokenPoint(undefined, 10), undefined);
  });

  it('spreads a bare rate over every kind or reads kind=rate pairs', () => {
    const spread = parseFaultRates('0.06');
    assert.equal(Object.keys(spread).length, 6);
    assert.ok(Math.abs((spread.status ?? 0) - 0.01) < 1e-12);
    assert.deepEqual(parseFaultRates('status=0.02,slow-headers=0.1'), { status: 0.02, 'slow-headers': 0.1 });
    assert.throws(() => parseFaultRates('boom=0.1'), UserError);
    assert.throws(() => parseFaultRates('status=2'), /probability from 0 to 1/);
  });
});
