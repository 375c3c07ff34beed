// The soak verdicts in a run's report: a Soak section in report.md and report.html when soak-verdicts.json is
// there, nothing when it is not, and a note (never a failed report) when it is damaged.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { judgeSoakRun } from '../../../src/diagnose/soak/judge-soak-run.ts';
import { SOAK_VERDICTS_FILE } from '../../../src/diagnose/soak/soak-verdicts.ts';
import { DEFAULT_SOAK_THRESHOLDS } from '../../../src/diagnose/soak/soak-thresholds.ts';
import { writeReport } from '../../../src/report/write-report.ts';
import { writeSampleRun } from '../../helpers/run-folder.ts';

const root = mkdtempSync(join(tmpdir(), 'inferload-soak-report-'));

describe('the soak section of a report', () => {
  it('shows each verdict with its numbers, in Markdown and HTML', async () => {
    const dir = writeSampleRun(root, '20261204-100000-soak-aaaaaa');
    const { verdicts, analysis } = await judgeSoakRun(dir, {
      windowSeconds: 0,
      thresholds: DEFAULT_SOAK_THRESHOLDS,
    });
    assert.equal(JSON.parse(readFileSync(join(dir, SOAK_VERDICTS_FILE), 'utf8')).verdict, verdicts.verdict);
    const paths = await writeReport(dir, { analysis });
    const markdown = readFileSync(paths.markdown, 'utf8');
    assert.match(
      markdown,
      new RegExp(`## Soak\\n\\n- \\*\\*soak\\*\\*: ${verdicts.verdict.toUpperCase()}: `),
    );
    // The sample run's meta.json records no outcome: never called stable.
    assert.equal(verdicts.verdict, 'failed run');
    assert.match(markdown, /- \*\*soak\*\*: FAILED RUN: meta\.json records no outcome/);
    assert.match(markdown, /- \*\*restarts\*\*: none: pid 7 served the whole run/);
    const html = readFileSync(paths.html, 'utf8');
    assert.match(html, /<section id="soak">/);
    assert.match(html, /<tr data-soak="drift"><th scope="row">drift<\/th><td>/);
  });

  it('has no soak section without the file, and a note when the file is damaged', async () => {
    const dir = writeSampleRun(root, '20261204-110000-light-bbbbbb');
    const plain = readFileSync((await writeReport(dir)).markdown, 'utf8');
    assert.doesNotMatch(plain, /## Soak/);
    writeFileSync(join(dir, SOAK_VERDICTS_FILE), '{"verdict": "stable"');
    const damaged = readFileSync((await writeReport(dir)).markdown, 'utf8');
    assert.doesNotMatch(damaged, /## Soak/);
    assert.match(damaged, /soak-verdicts\.json is not readable JSON/);
  });
});
