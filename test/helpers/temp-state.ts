import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Points `inferload local` at a fresh state folder so a test never touches the user's local server. */
export function useTempLocalState(): string {
  const dir = mkdtempSync(join(tmpdir(), 'inferload-state-'));
  process.env['INFERLOAD_STATE'] = dir;
  return dir;
}
