// The few GGUF metadata a KV cache estimate needs (layers, KV heads, head size), read from a model file's
// header without loading it: https://github.com/ggml-org/ggml/blob/master/docs/gguf.md
import { open } from 'node:fs/promises';

/** The attention shape of a model, from its GGUF metadata. */
export interface GgufShape {
  architecture: string;
  blockCount: number;
  headCountKv: number;
  /** Bytes of K and V per token per layer at f16 come from this and headCountKv. */
  headDim: number;
}

// Scalar sizes by value type id (gguf_metadata_value_type); 8 (string) and 9 (array) are variable.
const SIZES: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };
// The header holds the metadata; a vocabulary of 256k tokens stays well inside this.
const HEADER_BYTES = 32 * 1024 * 1024;

/** KV cache bytes per token of context at f16: K and V, per layer, per KV head, per head dimension. */
export function kvBytesPerToken(shape: GgufShape): number {
  return 2 * shape.blockCount * shape.headCountKv * shape.headDim * 2;
}

/** Reads the shape from `path`, or undefined when the file is not GGUF or lacks the keys. */
export async function readGgufShape(path: string): Promise<GgufShape | undefined> {
  const file = await open(path, 'r');
  let buffer: Buffer;
  try {
    const chunk = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await file.read(chunk, 0, HEADER_BYTES, 0);
    buffer = chunk.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
  return parseGgufShape(buffer);
}

/** Parses the shape from the start of a GGUF file; undefined when it cannot. */
export function parseGgufShape(buffer: Buffer): GgufShape | undefined {
  if (buffer.length < 24 || buffer.toString('latin1', 0, 4) !== 'GGUF') return undefined;
  const meta = new Map<string, number | string>();
  let at = 24; // magic, version (u32), tensor count (u64), metadata count (u64)
  const count = Number(buffer.readBigUInt64LE(16));
  try {
    for (let i = 0; i < count; i++) {
      const keyLength = Number(buffer.readBigUInt64LE(at));
      const key = buffer.toString('utf8', at + 8, at + 8 + keyLength);
      at += 8 + keyLength;
      const type = buffer.readUInt32LE(at);
      at += 4;
      const read = readValue(buffer, at, type);
      if (read.value !== undefined) meta.set(key, read.value);
      at = read.next;
    }
  } catch {
    // Cut short (a header beyond HEADER_BYTES): use what was read.
  }
  const arch = meta.get('general.architecture');
  if (typeof arch !== 'string') return undefined;
  const num = (key: string): number | undefined => {
    const value = meta.get(`${arch}.${key}`);
    return typeof value === 'number' ? value : undefined;
  };
  const blockCount = num('block_count');
  const heads = num('attention.head_count');
  const headCountKv = num('attention.head_count_kv') ?? heads;
  const embedding = num('embedding_length');
  const headDim = num('attention.key_length') ?? (embedding && heads ? embedding / heads : undefined);
  if (!blockCount || !headCountKv || !headDim) return undefined;
  return { architecture: arch, blockCount, headCountKv, headDim };
}

/** A value at `at` of type `type`: numbers and strings kept, arrays skipped. */
function readValue(buffer: Buffer, at: number, type: number): { value?: number | string; next: number } {
  switch (type) {
    case 0:
      return { value: buffer.readUInt8(at), next: at + 1 };
    case 1:
      return { value: buffer.readInt8(at), next: at + 1 };
    case 2:
      return { value: buffer.readUInt16LE(at), next: at + 2 };
    case 3:
      return { value: buffer.readInt16LE(at), next: at + 2 };
    case 4:
      return { value: buffer.readUInt32LE(at), next: at + 4 };
    case 5:
      return { value: buffer.readInt32LE(at), next: at + 4 };
    case 6:
      return { value: buffer.readFloatLE(at), next: at + 4 };
    case 10:
      return { value: Number(buffer.readBigUInt64LE(at)), next: at + 8 };
    case 11:
      return { value: Number(buffer.readBigInt64LE(at)), next: at + 8 };
    case 12:
      return { value: buffer.readDoubleLE(at), next: at + 8 };
    case 7:
      return { next: at + 1 };
    case 8: {
      const length = Number(buffer.readBigUInt64LE(at));
      return { value: buffer.toString('utf8', at + 8, at + 8 + length), next: at + 8 + length };
    }
    case 9: {
      const itemType = buffer.readUInt32LE(at);
      const length = Number(buffer.readBigUInt64LE(at + 4));
      let next = at + 12;
      if (itemType === 8 || itemType === 9)
        for (let i = 0; i < length; i++) next = readValue(buffer, next, itemType).next;
      else next += length * (SIZES[itemType] ?? Number.NaN);
      if (!Number.isFinite(next)) throw new Error(`unknown array item type ${itemType}`);
      return { next };
    }
    default:
      throw new Error(`unknown value type ${type}`);
  }
}
