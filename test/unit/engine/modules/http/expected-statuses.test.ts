import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_EXPECTED_STATUSES,
  createExpectedStatuses,
  toResponseCallback,
} from '../../../../../src/engine/modules/http/expected-statuses.ts';

describe('expectedStatuses', () => {
  it('matches 200-399 by default, status 0 (network error) excluded', () => {
    assert.equal(DEFAULT_EXPECTED_STATUSES.match(200), true);
    assert.equal(DEFAULT_EXPECTED_STATUSES.match(399), true);
    assert.equal(DEFAULT_EXPECTED_STATUSES.match(404), false);
    assert.equal(DEFAULT_EXPECTED_STATUSES.match(0), false);
  });

  it('accepts integers and {min, max} ranges', () => {
    const expected = createExpectedStatuses(404, { min: 500, max: 502 });
    assert.equal(expected.match(404), true);
    assert.equal(expected.match(501), true);
    assert.equal(expected.match(200), false);
  });

  it("rejects other arguments with k6's message, numbered from 1", () => {
    assert.throws(
      () => createExpectedStatuses(200, '201'),
      /argument number 2 to expectedStatuses was neither an integer nor an object like \{min:100, max:329\}/,
    );
    assert.throws(() => createExpectedStatuses(200.5), /argument number 1/);
    assert.throws(() => createExpectedStatuses({ min: 1 }), /argument number 1/);
  });
});

describe('toResponseCallback', () => {
  it('accepts expectedStatuses values and null', () => {
    const expected = createExpectedStatuses(200);
    assert.equal(toResponseCallback(expected), expected);
    assert.equal(toResponseCallback(null), null);
    assert.equal(toResponseCallback(undefined), null);
  });

  it('rejects plain functions, as k6 does', () => {
    assert.throws(() => toResponseCallback(() => true), /unsupported responseCallback/);
  });
});
