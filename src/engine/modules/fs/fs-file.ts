// A file of k6/experimental/fs: the bytes read once at init, a read position per File object.

/** SeekMode as k6 exports it. */
export const SeekMode = Object.freeze({ Start: 0, Current: 1, End: 2 });

const contents = new WeakMap<object, Uint8Array>();

/** What `file.stat()` resolves to. */
export interface FileInfo {
  name: string;
  size: number;
}

/** k6's File: `read(buffer)`, `seek(offset, whence)` and `stat()`, each returning a promise as k6's do. */
export class File {
  private offset = 0;

  constructor(
    readonly path: string,
    bytes: Uint8Array,
  ) {
    contents.set(this, bytes);
  }

  /** Fills `buffer` from the current position; the number of bytes read, or null at the end of the file. */
  read(buffer: unknown): Promise<number | null> {
    if (!(buffer instanceof Uint8Array)) {
      return Promise.reject(new TypeError('read() failed; reason: buffer must be a Uint8Array'));
    }
    const bytes = fileBytes(this);
    if (this.offset >= bytes.length) return Promise.resolve(null);
    const chunk = bytes.subarray(this.offset, this.offset + buffer.length);
    buffer.set(chunk);
    this.offset += chunk.length;
    return Promise.resolve(chunk.length);
  }

  /** Moves the position; resolves with the new offset. A negative result or an unknown whence rejects. */
  seek(offset: number, whence: number = SeekMode.Start): Promise<number> {
    const size = fileBytes(this).length;
    const base =
      whence === SeekMode.Start
        ? 0
        : whence === SeekMode.Current
          ? this.offset
          : whence === SeekMode.End
            ? size
            : NaN;
    if (Number.isNaN(base))
      return Promise.reject(new TypeError(`seek() failed; reason: invalid whence ${String(whence)}`));
    const next = base + Math.trunc(Number(offset));
    if (!Number.isFinite(next) || next < 0) {
      return Promise.reject(new RangeError('seek() failed; reason: the resulting offset cannot be negative'));
    }
    this.offset = next;
    return Promise.resolve(next);
  }

  /** The file's name (its path as opened) and size in bytes. */
  stat(): Promise<FileInfo> {
    return Promise.resolve({ name: this.path, size: fileBytes(this).length });
  }
}

/** The whole content behind a File (k6/experimental/csv reads it). */
export function fileBytes(file: File): Uint8Array {
  const bytes = contents.get(file);
  if (!bytes) throw new TypeError('not a File of k6/experimental/fs');
  return bytes;
}
