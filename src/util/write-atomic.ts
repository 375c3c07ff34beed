// The one write-temp-and-rename of the toolkit: run files, the deployed record, the local server's state.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

/** Writes a file through a temporary sibling and a rename, so that a reader never sees half of it. */
export function writeFileAtomic(path: string, content: string): void {
  const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, content);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
