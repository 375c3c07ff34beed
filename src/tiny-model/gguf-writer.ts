// A GGUF v3 writer (https://github.com/ggml-org/ggml/blob/master/docs/gguf.md): header, metadata, tensor infos, data.
import { open, type FileHandle } from 'node:fs/promises';
import { ByteBuilder } from './byte-builder.ts';
import {
  BIGINT_RANGES,
  GGML_TYPES,
  INTEGER_RANGES,
  VALUE_TYPE_IDS,
  type GgmlType,
  type GgufBigIntType,
  type GgufNumberType,
  type GgufValue,
} from './gguf-types.ts';

export type { GgmlType, GgufValue } from './gguf-types.ts';

/** One tensor: its bytes are produced only when the writer reaches it, so a file never sits in memory whole. */
export interface GgufTensor {
  name: string;
  /** Shape in numpy order (slowest-varying first); GGUF stores the dimensions reversed. */
  shape: readonly number[];
  type: GgmlType;
  data: () => Uint8Array | Promise<Uint8Array>;
}

/** The contents of a GGUF file, in the order they are written. */
export interface GgufContents {
  metadata: ReadonlyArray<readonly [key: string, value: GgufValue]>;
  tensors: readonly GgufTensor[];
}

const GGUF_MAGIC = [0x47, 0x47, 0x55, 0x46]; // "GGUF"
const GGUF_VERSION = 3;
const DEFAULT_ALIGNMENT = 32;
// ggml's GGML_MAX_NAME is 64 including the terminating NUL; GGML_MAX_DIMS is 4.
const MAX_TENSOR_NAME_BYTES = 63;
const MAX_DIMS = 4;

const utf8 = new TextEncoder();

/** Writes a GGUF v3 file tensor by tensor and returns its size in bytes. */
export async function writeGguf(path: string, contents: GgufContents): Promise<number> {
  const layout = layOutTensors(contents);
  const header = encodeGgufHeader(contents, layout);
  const file = await open(path, 'w');
  try {
    await writeFully(file, header);
    let written = header.byteLength;
    for (const [index, tensor] of contents.tensors.entries()) {
      const bytes = await tensor.data();
      const expected = layout.sizes[index] ?? 0;
      if (bytes.byteLength !== expected) {
        throw new Error(
          `tensor ${tensor.name}: data has ${bytes.byteLength} bytes, its shape needs ${expected}`,
        );
      }
      await writeFully(file, bytes);
      const padding = padTo(bytes.byteLength, layout.alignment);
      if (padding > 0) await writeFully(file, new Uint8Array(padding));
      written += bytes.byteLength + padding;
    }
    return written;
  } finally {
    await file.close();
  }
}

// A write may be short in principle; loop until every byte is down.
async function writeFully(file: FileHandle, bytes: Uint8Array): Promise<void> {
  let done = 0;
  while (done < bytes.byteLength) {
    const { bytesWritten } = await file.write(bytes, done, bytes.byteLength - done);
    done += bytesWritten;
  }
}

/** Tensor byte sizes, their data offsets and the alignment in force. */
export interface GgufLayout {
  alignment: number;
  sizes: number[];
  offsets: number[];
}

/** Checks the tensors and computes where each one's data goes, relative to the start of the data section. */
export function layOutTensors(contents: GgufContents): GgufLayout {
  const alignment = readAlignment(contents.metadata);
  const names = new Set<string>();
  const sizes: number[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const tensor of contents.tensors) {
    validateTensor(tensor);
    if (names.has(tensor.name)) throw new Error(`duplicate tensor name ${tensor.name}`);
    names.add(tensor.name);
    const size = tensor.shape.reduce((product, dim) => product * dim, GGML_TYPES[tensor.type].bytes);
    sizes.push(size);
    offsets.push(offset);
    offset += size + padTo(size, alignment);
  }
  return { alignment, sizes, offsets };
}

/** Encodes everything before the tensor data: header, metadata, tensor infos and the padding after them. */
export function encodeGgufHeader(contents: GgufContents, layout = layOutTensors(contents)): Uint8Array {
  const out = new ByteBuilder();
  out.bytes(Uint8Array.from(GGUF_MAGIC)).uint32(GGUF_VERSION);
  out.uint64(BigInt(contents.tensors.length)).uint64(BigInt(contents.metadata.length));

  const keys = new Set<string>();
  for (const [key, value] of contents.metadata) {
    validateKey(key);
    if (keys.has(key)) throw new Error(`duplicate metadata key ${key}`);
    keys.add(key);
    writeString(out, key);
    out.uint32(VALUE_TYPE_IDS[value.type]);
    writeValue(out, key, value);
  }

  for (const [index, tensor] of contents.tensors.entries()) {
    writeString(out, tensor.name);
    out.uint32(tensor.shape.length);
    for (const dim of [...tensor.shape].reverse()) out.uint64(BigInt(dim));
    out.uint32(GGML_TYPES[tensor.type].id);
    out.uint64(BigInt(layout.offsets[index] ?? 0));
  }
  return out.zeros(padTo(out.length, layout.alignment)).toBytes();
}

function writeValue(out: ByteBuilder, key: string, value: GgufValue): void {
  switch (value.type) {
    case 'bool':
      out.uint8(value.value ? 1 : 0);
      return;
    case 'string':
      writeString(out, value.value);
      return;
    case 'uint64':
    case 'int64':
      writeBigInt(out, key, value.type, value.value);
      return;
    case 'array':
      out.uint32(VALUE_TYPE_IDS[value.itemType]).uint64(BigInt(value.value.length));
      writeArrayItems(out, key, value);
      return;
    default:
      writeNumber(out, key, value.type, value.value);
  }
}

function writeArrayItems(out: ByteBuilder, key: string, array: Extract<GgufValue, { type: 'array' }>): void {
  switch (array.itemType) {
    case 'bool':
      for (const item of array.value) out.uint8(item ? 1 : 0);
      return;
    case 'string':
      for (const item of array.value) writeString(out, item);
      return;
    case 'uint64':
    case 'int64':
      for (const item of array.value) writeBigInt(out, key, array.itemType, item);
      return;
    default:
      for (const item of array.value) writeNumber(out, key, array.itemType, item);
  }
}

function writeNumber(out: ByteBuilder, key: string, type: GgufNumberType, value: number): void {
  const range = INTEGER_RANGES[type];
  if (range && !(Number.isInteger(value) && value >= range[0] && value <= range[1])) {
    throw new RangeError(`metadata ${key}: ${value} is not a ${type}`);
  }
  out[type](value);
}

function writeBigInt(out: ByteBuilder, key: string, type: GgufBigIntType, value: bigint): void {
  const [min, max] = BIGINT_RANGES[type];
  if (value < min || value > max) throw new RangeError(`metadata ${key}: ${value} is not a ${type}`);
  out[type](value);
}

function writeString(out: ByteBuilder, text: string): void {
  const bytes = utf8.encode(text);
  out.uint64(BigInt(bytes.byteLength)).bytes(bytes);
}

function readAlignment(metadata: GgufContents['metadata']): number {
  const entry = metadata.find(([key]) => key === 'general.alignment');
  if (!entry) return DEFAULT_ALIGNMENT;
  const value = entry[1];
  if (value.type !== 'uint32' || value.value <= 0 || value.value % 8 !== 0) {
    throw new Error('general.alignment must be a uint32 that is a positive multiple of 8');
  }
  return value.value;
}

function validateKey(key: string): void {
  // The spec requires ASCII keys of at most 65535 bytes.
  if (key.length === 0 || key.length > 0xffff || !/^[\x20-\x7e]+$/.test(key)) {
    throw new Error(
      `invalid metadata key ${JSON.stringify(key)}: expected 1-65535 printable ASCII characters`,
    );
  }
}

function validateTensor(tensor: GgufTensor): void {
  const nameBytes = utf8.encode(tensor.name).byteLength;
  if (nameBytes === 0 || nameBytes > MAX_TENSOR_NAME_BYTES) {
    throw new Error(`tensor name ${JSON.stringify(tensor.name)} must be 1-${MAX_TENSOR_NAME_BYTES} bytes`);
  }
  const { shape } = tensor;
  if (
    shape.length === 0 ||
    shape.length > MAX_DIMS ||
    !shape.every((dim) => Number.isSafeInteger(dim) && dim > 0)
  ) {
    throw new Error(
      `tensor ${tensor.name}: shape [${shape.join(', ')}] must have 1-${MAX_DIMS} positive dimensions`,
    );
  }
}

// Bytes of zero padding that bring `length` up to a multiple of `alignment`.
function padTo(length: number, alignment: number): number {
  return (alignment - (length % alignment)) % alignment;
}
