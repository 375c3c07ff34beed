import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseIntOption } from '../../../src/util/parse-number.ts';
import { UserError } from '../../../src/util/errors.ts';

describe('parseIntOption', () => {
  it('accepts integers within bounds', () => {
    assert.equal(parseIntOption('--slots', '8', 1, 16), 8);
    assert.equal(parseIntOption('--slots', ' 16 ', 1, 16), 16);
  });

  for (const bad of ['0', '17', '1.5', 'eight', '', '8; rm -rf /', '1e3']) {
    it(`rejects '${bad}' naming the option and the range`, () => {
      assert.throws(
        () => parseIntOption('--slots', bad, 1, 16),
        (error: unknown) =>
          error instanceof UserError && /--slots: expected an integer from 1 to 16/.test(error.message),
      );
    });
  }
});
