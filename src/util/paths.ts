import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

/** The project root: the folder holding package.json, found from this file's location. */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Private cache of installed parts and generated models; INFERLOAD_CACHE overrides it. */
export function cacheDir(): string {
  return process.env['INFERLOAD_CACHE'] ?? join(projectRoot, '.cache');
}

/** Where saved runs live; INFERLOAD_BENCHMARKS overrides it. */
export function benchmarksDir(): string {
  return process.env['INFERLOAD_BENCHMARKS'] ?? join(projectRoot, 'benchmarks');
}

/** Where `inferload local` records the server it started; INFERLOAD_STATE overrides it (tests use a temp dir). */
export function localStateDir(): string {
  return process.env['INFERLOAD_STATE'] ?? join(cacheDir(), 'local');
}
