// GGUF value and ggml tensor types with their on-disk ids (https://github.com/ggml-org/ggml/blob/master/docs/gguf.md).

/** Metadata value types holding a JS number. */
export type GgufNumberType =
  'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'float64';
/** Metadata value types holding a bigint. */
export type GgufBigIntType = 'uint64' | 'int64';
/** Every non-array metadata value type. */
export type GgufScalarType = GgufNumberType | GgufBigIntType | 'bool' | 'string';

/** A typed metadata value; arrays hold scalars of one type. */
export type GgufValue =
  | { type: GgufNumberType; value: number }
  | { type: GgufBigIntType; value: bigint }
  | { type: 'bool'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'array'; itemType: GgufNumberType; value: readonly number[] }
  | { type: 'array'; itemType: GgufBigIntType; value: readonly bigint[] }
  | { type: 'array'; itemType: 'bool'; value: readonly boolean[] }
  | { type: 'array'; itemType: 'string'; value: readonly string[] };

/** Unquantized ggml tensor types this writer can lay out. */
export type GgmlType = 'f32' | 'f16' | 'bf16' | 'i8' | 'i16' | 'i32' | 'i64' | 'f64';

/** GGUF metadata value type ids (gguf_metadata_value_type). */
export const VALUE_TYPE_IDS: Record<GgufScalarType | 'array', number> = {
  uint8: 0,
  int8: 1,
  uint16: 2,
  int16: 3,
  uint32: 4,
  int32: 5,
  float32: 6,
  bool: 7,
  string: 8,
  array: 9,
  uint64: 10,
  int64: 11,
  float64: 12,
};

/** ggml_type ids and bytes per element. */
export const GGML_TYPES: Record<GgmlType, { id: number; bytes: number }> = {
  f32: { id: 0, bytes: 4 },
  f16: { id: 1, bytes: 2 },
  i8: { id: 24, bytes: 1 },
  i16: { id: 25, bytes: 2 },
  i32: { id: 26, bytes: 4 },
  i64: { id: 27, bytes: 8 },
  f64: { id: 28, bytes: 8 },
  bf16: { id: 30, bytes: 2 },
};

/** Valid ranges of the integer metadata types held in a JS number. */
export const INTEGER_RANGES: Partial<Record<GgufNumberType, readonly [number, number]>> = {
  uint8: [0, 0xff],
  int8: [-0x80, 0x7f],
  uint16: [0, 0xffff],
  int16: [-0x8000, 0x7fff],
  uint32: [0, 0xffffffff],
  int32: [-0x80000000, 0x7fffffff],
};

/** Valid ranges of the 64-bit integer metadata types. */
export const BIGINT_RANGES: Record<GgufBigIntType, readonly [bigint, bigint]> = {
  uint64: [0n, 2n ** 64n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
};
