// A campaign's id: the spec's name and a hash of its content and the server, so the same command finds the same
// campaign again (and resumes it), while a changed spec or another server starts a new one.
import { createHash } from 'node:crypto';

/** `<spec name>-<12 hex digits>`; the name is cut and cleaned so the id can name a folder and a preset. */
export function campaignIdOf(specName: string, specText: string, server: string): string {
  const hash = createHash('sha256').update(specText).update('\0').update(server).digest('hex').slice(0, 12);
  const name =
    specName
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 32) || 'sweep';
  return `${/^[A-Za-z0-9]/.test(name) ? name : `c${name}`}-${hash}`;
}

/** The hash part of a spec's content, for the record. */
export function specHashOf(specText: string): string {
  return createHash('sha256').update(specText).digest('hex').slice(0, 16);
}
