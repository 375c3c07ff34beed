// `~` in configured paths, as a shell would expand it for the local user.
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Expands a leading `~` or `~/` to the local home folder; other paths are returned unchanged. */
export function expandHome(path: string): string {
  if (path === '~') return homedir();
  return path.startsWith('~/') ? join(homedir(), path.slice(2)) : path;
}
