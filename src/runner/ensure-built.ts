import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildProfiles, listProfiles } from '../build/build-profiles.ts';
import { projectRoot } from '../util/paths.ts';
import { UserError } from '../util/errors.ts';

export const PROFILES_DIR = join(projectRoot, 'profiles');
export const BUNDLE_DIR = join(projectRoot, 'dist', 'k6');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function mtimeOr0(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** Fails naming the valid profiles when `name` is not one of them. */
export function validateProfile(name: string): void {
  const valid = listProfiles(PROFILES_DIR);
  if (!valid.includes(name))
    throw new UserError(`unknown profile '${name}': expected one of ${valid.join(', ')}`);
}

/** Bundles the profiles when a source under profiles/ is newer than the bundle; returns the bundle paths. */
export async function ensureBuilt(
  profile: string,
): Promise<{ file: string; httpFile: string; rebuilt: boolean }> {
  validateProfile(profile);
  const file = join(BUNDLE_DIR, `${profile}.js`);
  const httpFile = join(BUNDLE_DIR, `${profile}.http.js`);
  const stale = Math.min(mtimeOr0(file), mtimeOr0(httpFile)) < newestMtime(PROFILES_DIR);
  if (stale) await buildProfiles({ srcDir: PROFILES_DIR, outDir: BUNDLE_DIR });
  return { file, httpFile, rebuilt: stale };
}
