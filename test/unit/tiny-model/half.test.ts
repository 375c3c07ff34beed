import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromHalfBits, toHalfBits } from '../../../src/tiny-model/half.ts';

test('converts exact values and signed zeros', () => {
  assert.equal(toHalfBits(0), 0x0000);
  assert.equal(toHalfBits(-0), 0x8000);
  assert.equal(toHalfBits(1), 0x3c00);
  assert.equal(toHalfBits(-2), 0xc000);
  assert.equal(toHalfBits(0.5), 0x3800);
  assert.equal(toHalfBits(65504), 0x7bff);
  assert.equal(toHalfBits(0.1), 0x2e66);
});

test('rounds to nearest with ties to even', () => {
  assert.equal(toHalfBits(1 + 2 ** -11), 0x3c00, 'tie rounds down to the even mantissa');
  assert.equal(toHalfBits(1 + 3 * 2 ** -11), 0x3c02, 'tie rounds up to the even mantissa');
  assert.equal(toHalfBits(1 + 2 ** -11 + 2 ** -20), 0x3c01, 'just above the tie rounds up');
  assert.equal(toHalfBits(2 - 2 ** -12), 0x4000, 'mantissa carry bumps the exponent');
});

test('overflows to infinity only past the largest finite value', () => {
  assert.equal(toHalfBits(65519), 0x7bff);
  assert.equal(toHalfBits(65520), 0x7c00, 'the tie above 65504 rounds to infinity');
  assert.equal(toHalfBits(1e6), 0x7c00);
  assert.equal(toHalfBits(-1e6), 0xfc00);
  assert.equal(toHalfBits(Infinity), 0x7c00);
  assert.equal(toHalfBits(-Infinity), 0xfc00);
});

test('keeps NaN a NaN', () => {
  const bits = toHalfBits(NaN);
  assert.equal(bits & 0x7c00, 0x7c00);
  assert.notEqual(bits & 0x3ff, 0);
  assert.ok(Number.isNaN(fromHalfBits(bits)));
});

test('handles subnormals and underflow', () => {
  assert.equal(toHalfBits(2 ** -24), 0x0001, 'smallest subnormal');
  assert.equal(toHalfBits(1023 * 2 ** -24), 0x03ff, 'largest subnormal');
  assert.equal(toHalfBits(2 ** -14), 0x0400, 'smallest normal');
  assert.equal(toHalfBits(1023.5 * 2 ** -24), 0x0400, 'subnormal rounding carries into the normal range');
  assert.equal(toHalfBits(2 ** -25), 0x0000, 'half the smallest subnormal ties to zero');
  assert.equal(toHalfBits(1.5 * 2 ** -25), 0x0001);
  assert.equal(toHalfBits(3 * 2 ** -25), 0x0002, 'tie between 1 and 2 subnormal steps goes to 2');
  assert.equal(toHalfBits(-(2 ** -26)), 0x8000, 'underflow keeps the sign');
  assert.equal(toHalfBits(1e-40), 0x0000, 'float32 subnormals vanish');
});

test('round-trips every finite f16 value', () => {
  for (let bits = 0; bits < 0x10000; bits++) {
    if ((bits & 0x7c00) === 0x7c00 && (bits & 0x3ff) !== 0) continue;
    assert.equal(toHalfBits(fromHalfBits(bits)), bits);
  }
});

test('stays within half a unit in the last place on random inputs', () => {
  let state = 12345;
  for (let i = 0; i < 20000; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const value = Math.fround(((state / 2 ** 32) * 2 - 1) * 2 ** ((i % 40) - 26));
    const decoded = fromHalfBits(toHalfBits(value));
    const exponent = Math.max(Math.floor(Math.log2(Math.abs(value) || 2 ** -24)), -14);
    const ulp = 2 ** (exponent - 10);
    assert.ok(Math.abs(decoded - value) <= ulp / 2, `${value} -> ${decoded}`);
  }
});
