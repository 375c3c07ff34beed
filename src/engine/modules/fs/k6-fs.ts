// `k6/experimental/fs`: open(path) at init, the file read once per run and shared by every VU.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { VuContext } from '../../runtime/vu-context.ts';
import { File, SeekMode } from './fs-file.ts';

/** Creates one VU's `k6/experimental/fs`; `cache` (per run) keeps one copy of each file's bytes. */
export function createFsModule(
  ctx: VuContext,
  scriptDir: string,
  cache: Map<string, Uint8Array>,
): Record<string, unknown> {
  /** open(path): a promise of a File; relative paths are the script's, as in k6. Init context only. */
  function open(path: unknown): Promise<File> {
    if (!ctx.isInit()) {
      return Promise.reject(
        new Error('open() failed; reason: open() can only be called from the init context'),
      );
    }
    if (typeof path !== 'string' || path === '') {
      return Promise.reject(new TypeError('open() failed; reason: path must be a non-empty string'));
    }
    const full = resolve(scriptDir, path);
    let bytes = cache.get(full);
    if (!bytes) {
      try {
        if (statSync(full).isDirectory()) {
          return Promise.reject(new Error(`open() failed; reason: ${path} is a directory (${full})`));
        }
        bytes = new Uint8Array(readFileSync(full));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        const reason = code === 'ENOENT' ? 'no such file or directory' : code;
        return Promise.reject(new Error(`open() failed; reason: ${path}: ${reason} (${full})`));
      }
      cache.set(full, bytes);
    }
    return Promise.resolve(new File(full, bytes));
  }
  const api = { open, SeekMode };
  return { ...api, default: api };
}
