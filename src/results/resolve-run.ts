// Finds the run a user means: `latest`, a run id (its folder's name), a unique prefix of one, or a path to a run
// folder. Damaged runs are found too, so that their reader can say what is wrong instead of "no such run".
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../util/errors.ts';
import { benchmarksDir } from '../util/paths.ts';
import { listRunFolders, type RunFolder } from './run-folders.ts';
import { RUN_FILES, runFilePath } from './run-files.ts';

const SHOWN = 5;

function recent(runs: readonly RunFolder[]): string {
  const ids = runs.slice(0, SHOWN).map((r) => r.id);
  return `${ids.join(', ')}${runs.length > SHOWN ? `, … (${runs.length} in all: inferload runs lists them)` : ''}`;
}

/** The folder of the run `ref` names, under `root`; a UserError lists the most recent runs when none matches. */
export function resolveRun(ref: string, root = benchmarksDir()): string {
  const looksLikePath = ref.includes('/') || ref.startsWith('.');
  if (looksLikePath || existsSync(runFilePath(ref, 'meta'))) {
    const dir = resolve(ref);
    if (existsSync(runFilePath(dir, 'meta'))) return dir;
    throw new UserError(`${ref}: not a run folder (it has no ${RUN_FILES.meta})`);
  }
  const runs = listRunFolders(root);
  if (runs.length === 0) {
    throw new UserError(`no saved runs in ${root} (make stress-test saves one)`);
  }
  if (ref === 'latest') return (runs[0] as RunFolder).dir;
  const exact = runs.find((r) => r.id === ref);
  if (exact) return exact.dir;
  const matches = runs.filter((r) => r.id.startsWith(ref));
  if (matches.length === 1) return (matches[0] as RunFolder).dir;
  if (matches.length > 1) {
    throw new UserError(
      `run '${ref}' is ambiguous: it starts ${matches.length} run ids (${recent(matches)})`,
    );
  }
  throw new UserError(
    `run '${ref}': no such run in ${root}; expected a run id, a unique prefix of one, a run folder or 'latest' (recent runs: ${recent(runs)})`,
  );
}
