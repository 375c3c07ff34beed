import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { resolveRun } from '../../../src/results/resolve-run.ts';
import { writeRunMeta } from '../../../src/results/run-store.ts';
import { UserError } from '../../../src/util/errors.ts';
import { runMeta } from '../../helpers/run-folder.ts';

/** Runs by id and start time; listRuns orders them newest first. */
const RUNS: [string, string][] = [
  ['20260820-060000-light-111111', '2026-08-20T06:00:00.000Z'],
  ['20260820-061000-light-222222', '2026-08-20T06:10:00.000Z'],
  ['20260820-062000-medium-333333', '2026-08-20T06:20:00.000Z'],
  ['20260821-070000-light-aaaaaa', '2026-08-21T07:00:00.000Z'],
  ['20260821-080000-heavy-bbbbbb', '2026-08-21T08:00:00.000Z'],
  ['20260822-090000-light-cccccc', '2026-08-22T09:00:00.000Z'],
];

function makeRoot(runs: [string, string][]): string {
  const root = mkdtempSync(join(tmpdir(), 'inferload-runs-'));
  for (const [id, startedAt] of runs) {
    mkdirSync(join(root, id));
    writeRunMeta(join(root, id), runMeta(id, { startedAt }));
  }
  return root;
}

/** Asserts a UserError (exit code 2) with exactly this message. */
function rejects(fn: () => unknown, message: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof UserError, `not a UserError: ${String(error)}`);
    assert.equal(error.message, message);
    assert.equal(error.exitCode, 2);
    return true;
  });
}

describe('resolveRun', () => {
  let root: string;

  before(() => {
    root = makeRoot(RUNS);
    writeFileSync(join(root, 'README.md'), 'saved runs\n');
    mkdirSync(join(root, '20260823-000000-light-broken')); // a run that never wrote meta.json
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  it("resolves 'latest' to the run that started last", () => {
    assert.equal(resolveRun('latest', root), join(root, '20260822-090000-light-cccccc'));
  });

  it('resolves an exact run id', () => {
    assert.equal(
      resolveRun('20260821-070000-light-aaaaaa', root),
      join(root, '20260821-070000-light-aaaaaa'),
    );
  });

  it('resolves a unique prefix', () => {
    assert.equal(resolveRun('20260821-08', root), join(root, '20260821-080000-heavy-bbbbbb'));
    assert.equal(resolveRun('20260822', root), join(root, '20260822-090000-light-cccccc'));
  });

  it('refuses an ambiguous prefix, listing the runs it starts, newest first', () => {
    rejects(
      () => resolveRun('20260821', root),
      "run '20260821' is ambiguous: it starts 2 run ids (20260821-080000-heavy-bbbbbb, 20260821-070000-light-aaaaaa)",
    );
  });

  it('refuses an unknown id, listing the five most recent runs', () => {
    rejects(
      () => resolveRun('20250101', root),
      `run '20250101': no such run in ${root}; expected a run id, a unique prefix of one, a run folder or 'latest' (recent runs: ` +
        '20260822-090000-light-cccccc, 20260821-080000-heavy-bbbbbb, 20260821-070000-light-aaaaaa, ' +
        '20260820-062000-medium-333333, 20260820-061000-light-222222, … (6 in all: inferload runs lists them))',
    );
  });

  it('resolves a path to a run folder, absolute or relative', () => {
    const dir = join(root, '20260821-080000-heavy-bbbbbb');
    assert.equal(resolveRun(dir, root), dir);
    assert.equal(resolveRun(relative(process.cwd(), dir), '/nonexistent'), dir);
    assert.equal(resolveRun(`${dir}/`, '/nonexistent'), dir);
  });

  it('refuses a path without meta.json', () => {
    const dir = join(root, '20260823-000000-light-broken');
    rejects(() => resolveRun(dir, root), `${dir}: not a run folder (it has no meta.json)`);
    rejects(
      () => resolveRun('./no-such-run-folder', root),
      './no-such-run-folder: not a run folder (it has no meta.json)',
    );
  });

  it('reads the benchmarks folder of INFERLOAD_BENCHMARKS by default', () => {
    const saved = process.env['INFERLOAD_BENCHMARKS'];
    process.env['INFERLOAD_BENCHMARKS'] = root;
    try {
      assert.equal(resolveRun('latest'), join(root, '20260822-090000-light-cccccc'));
    } finally {
      if (saved === undefined) delete process.env['INFERLOAD_BENCHMARKS'];
      else process.env['INFERLOAD_BENCHMARKS'] = saved;
    }
  });
});

describe('resolveRun on small stores', () => {
  it('prefers an exact id over a longer id it prefixes', () => {
    const root = makeRoot([
      ['20260821-070000-light-aaaaaa', '2026-08-21T07:00:00.000Z'],
      ['20260821-070000-light-aaaaaa-rerun', '2026-08-21T09:00:00.000Z'],
    ]);
    try {
      assert.equal(
        resolveRun('20260821-070000-light-aaaaaa', root),
        join(root, '20260821-070000-light-aaaaaa'),
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("resolves copies of a run folder by their folder's name, never by meta.json's id", () => {
    const root = makeRoot([['20260821-070000-light-aaaaaa', '2026-08-21T07:00:00.000Z']]);
    try {
      cpSync(join(root, '20260821-070000-light-aaaaaa'), join(root, 'tuned-copy'), { recursive: true });
      assert.equal(resolveRun('tuned-copy', root), join(root, 'tuned-copy'));
      assert.equal(resolveRun('tuned', root), join(root, 'tuned-copy'));
      assert.equal(
        resolveRun('20260821-070000-light-aaaaaa', root),
        join(root, '20260821-070000-light-aaaaaa'),
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('finds a run whose meta.json is damaged, so that its reader can say what is wrong', () => {
    const root = makeRoot([['20260821-070000-light-aaaaaa', '2026-08-21T07:00:00.000Z']]);
    try {
      mkdirSync(join(root, '20260822-070000-light-bad000'));
      writeFileSync(join(root, '20260822-070000-light-bad000', 'meta.json'), '{');
      assert.equal(resolveRun('latest', root), join(root, '20260822-070000-light-bad000'));
      assert.equal(resolveRun('20260822', root), join(root, '20260822-070000-light-bad000'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('lists every run, without the count, when there are five or fewer', () => {
    const root = makeRoot(RUNS.slice(0, 2));
    try {
      rejects(
        () => resolveRun('x', root),
        `run 'x': no such run in ${root}; expected a run id, a unique prefix of one, a run folder or 'latest' (recent runs: 20260820-061000-light-222222, 20260820-060000-light-111111)`,
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('says how to make a run when there is none (and for a missing root)', () => {
    const root = mkdtempSync(join(tmpdir(), 'inferload-runs-'));
    try {
      rejects(() => resolveRun('latest', root), `no saved runs in ${root} (make stress-test saves one)`);
      const missing = join(root, 'missing');
      rejects(
        () => resolveRun('latest', missing),
        `no saved runs in ${missing} (make stress-test saves one)`,
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
