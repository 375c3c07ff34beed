// Runs every test/**/*.test.ts (or the files and folders named on the command line) with node's test runner
// under tsx: `npm run test:unit` names test/unit, the fast lane.
//
// Files run two at a time, except files that measure a quantity against a known model (a scaling law recovered
// from throughput): on this 2-core box another file's load moves their numbers by several percent, so they say
// `// test-lane: alone` in their head and run after the others, one at a time.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ALONE_MARK = /^\/\/ test-lane: alone\b/m;

function findTests(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return findTests(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

/** True when the file's head (before its first import) carries the alone mark. */
function runsAlone(source: string): boolean {
  const head = source.split(/^import /m)[0] ?? '';
  return ALONE_MARK.test(head);
}

function runFiles(files: readonly string[], concurrency: number): number {
  if (files.length === 0) return 0;
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
    { stdio: 'inherit' },
  );
  return result.status ?? 1;
}

const args = process.argv.slice(2);
const files = (args.length > 0 ? args : ['test'])
  .flatMap((path) => (statSync(path).isDirectory() ? findTests(path) : [path]))
  .sort();
const alone = files.filter((file) => runsAlone(readFileSync(file, 'utf8')));
const together = files.filter((file) => !alone.includes(file));
const status = runFiles(together, 2);
if (alone.length > 0) console.log(`\n# alone, one file at a time: ${alone.join(', ')}`);
const aloneStatus = runFiles(alone, 1);
process.exit(status !== 0 ? status : aloneStatus);
