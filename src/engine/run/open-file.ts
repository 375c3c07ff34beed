import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** k6's open(): relative to the script's folder, read once per run and shared by every VU's init code. */
export function createFileOpener(scriptDir: string): (path: string, mode?: string) => string | ArrayBuffer {
  const cache = new Map<string, Buffer>();
  return (path, mode) => {
    const full = resolve(scriptDir, path);
    let bytes = cache.get(full);
    if (!bytes) {
      try {
        bytes = readFileSync(full);
      } catch (error) {
        throw new Error(
          `open(${JSON.stringify(path)}): ${(error as NodeJS.ErrnoException).code ?? String(error)} (${full})`,
        );
      }
      cache.set(full, bytes);
    }
    if (mode === 'b')
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    if (mode !== undefined && mode !== 'r')
      throw new Error(`open(): mode must be 'b' or omitted, got '${mode}'`);
    return bytes.toString('utf8');
  };
}
