import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gguf, GGUFValueType } from '@huggingface/gguf';
import {
  encodeGgufHeader,
  writeGguf,
  type GgufContents,
  type GgufTensor,
} from '../../../src/tiny-model/gguf-writer.ts';

const dir = await mkdtemp(join(tmpdir(), 'inferload-gguf-'));
test.after(() => rm(dir, { recursive: true, force: true }));

function bytesOf(length: number, start: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (start + i * 7) & 0xff);
}

const vector: GgufTensor = { name: 'vector', shape: [5], type: 'f32', data: () => bytesOf(20, 1) };
const tensors: GgufTensor[] = [
  vector,
  { name: 'matrix', shape: [3, 7], type: 'f16', data: () => bytesOf(42, 2) },
  { name: 'cube', shape: [2, 3, 4], type: 'i8', data: async () => bytesOf(24, 3) },
  { name: 'wide.weight', shape: [1, 9], type: 'f64', data: () => bytesOf(72, 4) },
];

const metadata: GgufContents['metadata'] = [
  ['test.uint8', { type: 'uint8', value: 255 }],
  ['test.int8', { type: 'int8', value: -128 }],
  ['test.uint16', { type: 'uint16', value: 65535 }],
  ['test.int16', { type: 'int16', value: -32768 }],
  ['test.uint32', { type: 'uint32', value: 4294967295 }],
  ['test.int32', { type: 'int32', value: -2147483648 }],
  ['test.float32', { type: 'float32', value: 0.25 }],
  ['test.float64', { type: 'float64', value: Math.PI }],
  ['test.uint64', { type: 'uint64', value: 2n ** 64n - 1n }],
  ['test.int64', { type: 'int64', value: -(2n ** 63n) }],
  ['test.bool_true', { type: 'bool', value: true }],
  ['test.bool_false', { type: 'bool', value: false }],
  ['test.string', { type: 'string', value: 'héllo ▁wörld <|im_end|>\n' }],
  ['test.empty_string', { type: 'string', value: '' }],
  ['test.strings', { type: 'array', itemType: 'string', value: ['<unk>', '▁the', '', 'ß'] }],
  ['test.int32s', { type: 'array', itemType: 'int32', value: [1, -2, 3] }],
  ['test.float32s', { type: 'array', itemType: 'float32', value: [0.5, -1.5] }],
  ['test.uint8s', { type: 'array', itemType: 'uint8', value: [0, 255] }],
  ['test.uint64s', { type: 'array', itemType: 'uint64', value: [0n, 7n] }],
  ['test.bools', { type: 'array', itemType: 'bool', value: [true, false, true] }],
  ['test.empty', { type: 'array', itemType: 'uint32', value: [] }],
];

test('an independent reader sees every key, value, type and tensor that was written', async () => {
  const path = join(dir, 'all-types.gguf');
  const bytes = await writeGguf(path, { metadata, tensors });
  assert.equal((await stat(path)).size, bytes);

  const parsed = await gguf(path, { allowLocalFile: true, typedMetadata: true });
  assert.equal(parsed.metadata.version, 3);
  assert.equal(parsed.metadata.tensor_count, BigInt(tensors.length));
  assert.equal(parsed.metadata.kv_count, BigInt(metadata.length));

  const expectedTypes: Record<string, GGUFValueType> = {
    uint8: GGUFValueType.UINT8,
    int8: GGUFValueType.INT8,
    uint16: GGUFValueType.UINT16,
    int16: GGUFValueType.INT16,
    uint32: GGUFValueType.UINT32,
    int32: GGUFValueType.INT32,
    float32: GGUFValueType.FLOAT32,
    float64: GGUFValueType.FLOAT64,
    uint64: GGUFValueType.UINT64,
    int64: GGUFValueType.INT64,
    bool: GGUFValueType.BOOL,
    string: GGUFValueType.STRING,
    array: GGUFValueType.ARRAY,
  };
  for (const [key, value] of metadata) {
    const read = parsed.typedMetadata[key];
    assert.ok(read, `missing ${key}`);
    assert.deepEqual(read.value, value.value, key);
    assert.equal(read.type, expectedTypes[value.type], `${key} type`);
    if (value.type === 'array') assert.equal(read.subType, expectedTypes[value.itemType], `${key} item type`);
  }

  assert.deepEqual(
    parsed.tensorInfos.map((info) => ({ name: info.name, shape: info.shape.map(Number), dtype: info.dtype })),
    [
      { name: 'vector', shape: [5], dtype: 0 },
      { name: 'matrix', shape: [7, 3], dtype: 1 },
      { name: 'cube', shape: [4, 3, 2], dtype: 24 },
      { name: 'wide.weight', shape: [9, 1], dtype: 28 },
    ],
  );
  assert.equal(parsed.tensorDataOffset % 32n, 0n);

  const file = await readFile(path);
  for (const [index, tensor] of tensors.entries()) {
    const info = parsed.tensorInfos[index];
    assert.ok(info);
    assert.equal(info.offset % 32n, 0n, `${tensor.name} offset is aligned`);
    const start = Number(parsed.tensorDataOffset + info.offset);
    const expected = await tensor.data();
    assert.deepEqual(file.subarray(start, start + expected.byteLength), Buffer.from(expected), tensor.name);
  }
  assert.equal(file.byteLength % 32, 0, 'the last tensor is padded too');
});

test('the header bytes follow the spec', async () => {
  const path = join(dir, 'header.gguf');
  await writeGguf(path, { metadata: [['general.name', { type: 'string', value: 'ab' }]], tensors: [vector] });
  const file = await readFile(path);
  assert.equal(file.subarray(0, 4).toString('latin1'), 'GGUF');
  assert.equal(file.readUInt32LE(4), 3, 'version');
  assert.equal(file.readBigUInt64LE(8), 1n, 'tensor count');
  assert.equal(file.readBigUInt64LE(16), 1n, 'kv count');
  // First KV: key as uint64 length + bytes, uint32 type 8 (string), then the value as a string.
  assert.equal(file.readBigUInt64LE(24), 12n);
  assert.equal(file.subarray(32, 44).toString('latin1'), 'general.name');
  assert.equal(file.readUInt32LE(44), 8);
  assert.equal(file.readBigUInt64LE(48), 2n);
  assert.equal(file.subarray(56, 58).toString('latin1'), 'ab');
  // Tensor info: name, n_dims, dims, ggml type, offset; then zero padding up to the data at 96.
  assert.equal(file.readBigUInt64LE(58), 6n);
  assert.equal(file.subarray(66, 72).toString('latin1'), 'vector');
  assert.equal(file.readUInt32LE(72), 1);
  assert.equal(file.readBigUInt64LE(76), 5n);
  assert.equal(file.readUInt32LE(84), 0);
  assert.equal(file.readBigUInt64LE(88), 0n);
  assert.equal(file.byteLength, 96 + 32);
});

test('honours general.alignment and stores dimensions in reverse of numpy order', async () => {
  const path = join(dir, 'aligned.gguf');
  await writeGguf(path, {
    metadata: [['general.alignment', { type: 'uint32', value: 64 }]],
    tensors: [
      { name: 'a', shape: [3], type: 'f32', data: () => bytesOf(12, 0) },
      { name: 'b', shape: [2, 5], type: 'f16', data: () => bytesOf(20, 0) },
    ],
  });
  const parsed = await gguf(path, { allowLocalFile: true });
  assert.equal(parsed.tensorDataOffset % 64n, 0n);
  assert.deepEqual(
    parsed.tensorInfos.map((info) => [info.offset, info.shape]),
    [
      [0n, [3n]],
      [64n, [5n, 2n]],
    ],
  );
  assert.equal((await stat(path)).size, Number(parsed.tensorDataOffset) + 128);
});

test('the header encoding is deterministic', () => {
  const contents = { metadata, tensors };
  assert.deepEqual(Buffer.from(encodeGgufHeader(contents)), Buffer.from(encodeGgufHeader(contents)));
});

test('rejects bad input with a reason', async () => {
  const header = (contents: Partial<GgufContents>) => () =>
    encodeGgufHeader({ metadata: [], tensors: [], ...contents });
  assert.throws(header({ metadata: [['x.y', { type: 'uint8', value: 256 }]] }), /x\.y: 256 is not a uint8/);
  assert.throws(header({ metadata: [['x.y', { type: 'int32', value: 1.5 }]] }), /not a int32/);
  assert.throws(header({ metadata: [['x.y', { type: 'uint64', value: -1n }]] }), /not a uint64/);
  assert.throws(
    header({
      metadata: [
        ['a', { type: 'bool', value: true }],
        ['a', { type: 'bool', value: false }],
      ],
    }),
    /duplicate metadata key a/,
  );
  assert.throws(header({ metadata: [['général', { type: 'bool', value: true }]] }), /invalid metadata key/);
  assert.throws(
    header({ metadata: [['general.alignment', { type: 'uint32', value: 12 }]] }),
    /multiple of 8/,
  );
  assert.throws(header({ tensors: [{ ...vector, shape: [0] }] }), /positive dimensions/);
  assert.throws(header({ tensors: [{ ...vector, shape: [1, 1, 1, 1, 1] }] }), /1-4 positive/);
  assert.throws(header({ tensors: [{ ...vector, name: 'n'.repeat(64) }] }), /must be 1-63 bytes/);
  assert.throws(header({ tensors: [vector, vector] }), /duplicate tensor name vector/);

  const path = join(dir, 'short.gguf');
  const short: GgufTensor = { name: 'short', shape: [4], type: 'f32', data: () => new Uint8Array(15) };
  await assert.rejects(
    writeGguf(path, { metadata: [], tensors: [short] }),
    /data has 15 bytes, its shape needs 16/,
  );
});
