// A growable little-endian byte buffer for the small parts of a binary file (headers, metadata).

/** Appends little-endian values to a buffer that grows as needed. */
export class ByteBuilder {
  #bytes = new Uint8Array(4096);
  #view = new DataView(this.#bytes.buffer);
  #length = 0;

  get length(): number {
    return this.#length;
  }

  uint8(value: number): this {
    this.#reserve(1).setUint8(this.#length - 1, value);
    return this;
  }
  int8(value: number): this {
    this.#reserve(1).setInt8(this.#length - 1, value);
    return this;
  }
  uint16(value: number): this {
    this.#reserve(2).setUint16(this.#length - 2, value, true);
    return this;
  }
  int16(value: number): this {
    this.#reserve(2).setInt16(this.#length - 2, value, true);
    return this;
  }
  uint32(value: number): this {
    this.#reserve(4).setUint32(this.#length - 4, value, true);
    return this;
  }
  int32(value: number): this {
    this.#reserve(4).setInt32(this.#length - 4, value, true);
    return this;
  }
  float32(value: number): this {
    this.#reserve(4).setFloat32(this.#length - 4, value, true);
    return this;
  }
  float64(value: number): this {
    this.#reserve(8).setFloat64(this.#length - 8, value, true);
    return this;
  }
  uint64(value: bigint): this {
    this.#reserve(8).setBigUint64(this.#length - 8, value, true);
    return this;
  }
  int64(value: bigint): this {
    this.#reserve(8).setBigInt64(this.#length - 8, value, true);
    return this;
  }
  bytes(value: Uint8Array): this {
    this.#reserve(value.byteLength);
    this.#bytes.set(value, this.#length - value.byteLength);
    return this;
  }
  zeros(count: number): this {
    // New capacity is zero-filled already, and bytes are never removed, so reserving is enough.
    this.#reserve(count);
    return this;
  }

  /** The bytes written so far (a view, not a copy). */
  toBytes(): Uint8Array {
    return this.#bytes.subarray(0, this.#length);
  }

  // Grows the buffer for `count` more bytes, advances the length and returns the view to write through.
  #reserve(count: number): DataView {
    const needed = this.#length + count;
    if (needed > this.#bytes.byteLength) {
      const grown = new Uint8Array(Math.max(needed, this.#bytes.byteLength * 2));
      grown.set(this.#bytes.subarray(0, this.#length));
      this.#bytes = grown;
      this.#view = new DataView(grown.buffer);
    }
    this.#length = needed;
    return this.#view;
  }
}
