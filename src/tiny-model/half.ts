// IEEE 754 binary16 ("f16") conversion, the storage type of ggml F16 tensors.
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** Converts a number, first rounded to float32, to f16 bits with round-to-nearest-even, subnormals and overflow to infinity. */
export function toHalfBits(value: number): number {
  f32[0] = value;
  const bits = u32[0] ?? 0;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const mantissa = bits & 0x7fffff;

  if (exponent === 0xff) {
    // Keep NaN a NaN even when its payload sits only in the low bits that f16 drops.
    return mantissa === 0 ? sign | 0x7c00 : sign | 0x7e00 | (mantissa >>> 13);
  }
  const halfExponent = exponent - 127 + 15;
  if (halfExponent >= 0x1f) return sign | 0x7c00;
  if (halfExponent <= 0) return sign | toSubnormalHalf(mantissa | 0x800000, 14 - halfExponent);

  const rounded = roundShift((halfExponent << 23) | mantissa, 13);
  // A carry out of the mantissa bumps the exponent, reaching infinity at the top: both are correct f16.
  return sign | rounded;
}

/** Decodes f16 bits to a number. */
export function fromHalfBits(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa === 0 ? sign * Infinity : NaN;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

// Values below half the smallest subnormal (2^-25) round to zero; the tie itself rounds to even (zero).
function toSubnormalHalf(significand: number, shift: number): number {
  if (shift > 24) return 0;
  return roundShift(significand, shift);
}

// Shifts right by `shift` bits, rounding to nearest with ties to even.
function roundShift(value: number, shift: number): number {
  const kept = value >>> shift;
  const rest = value & ((1 << shift) - 1);
  const halfway = 1 << (shift - 1);
  return rest > halfway || (rest === halfway && (kept & 1) === 1) ? kept + 1 : kept;
}
