import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SIM_OPTIONS, resolveSimOptions } from '../../../src/sim/options.ts';
import { UserError } from '../../../src/util/errors.ts';

describe('resolveSimOptions', () => {
  it('fills in the defaults: loopback, a free port, a small CPU box', () => {
    const options = resolveSimOptions();
    assert.deepEqual(options, { ...DEFAULT_SIM_OPTIONS });
    assert.equal(options.host, '127.0.0.1');
    assert.equal(options.port, 0);
  });

  it('keeps given values and ignores undefined ones', () => {
    const options = resolveSimOptions({ slots: 8, seed: undefined, faultRates: { html: 0.5 } });
    assert.equal(options.slots, 8);
    assert.equal(options.seed, DEFAULT_SIM_OPTIONS.seed);
    assert.equal(options.faultRates.html, 0.5);
    assert.equal(options.faultRates.status, 0);
  });

  it('names the option, the expected value and what it got', () => {
    assert.throws(() => resolveSimOptions({ slots: 0 }), {
      name: 'UserError',
      message: 'sim option slots: expected an integer from 1 to 4096, got 0',
    });
    assert.throws(
      () => resolveSimOptions({ jitter: 2 }),
      /sim option jitter: expected a number from 0 to 0.99/,
    );
    assert.throws(() => resolveSimOptions({ promptTokensPerSecond: 0 }), /promptTokensPerSecond/);
    assert.throws(
      () => resolveSimOptions({ naturalTokensMin: 50, naturalTokensMax: 10 }),
      /naturalTokensMin/,
    );
    assert.throws(() => resolveSimOptions({ faultStatuses: [200] }), /faultStatuses\[0\]/);
    assert.throws(() => resolveSimOptions({ faultRates: { status: 0.7, html: 0.7 } }), /sum to at most 1/);
  });

  it('rejects unknown options and fault kinds, listing the valid ones', () => {
    assert.throws(
      () => resolveSimOptions({ slot: 2 } as never),
      (e: unknown) => {
        assert.ok(e instanceof UserError);
        assert.match(e.message, /sim option slot: expected one of .*slots/);
        return true;
      },
    );
    assert.throws(
      () => resolveSimOptions({ faultRates: { crash: 0.1 } as never }),
      /keys among status, disconnect/,
    );
  });
});
