import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeRun } from '../../../src/diagnose/analyze-run.ts';
import { judgeRun } from '../../../src/diagnose/judge-run.ts';
import { writeReport } from '../../../src/report/write-report.ts';
import { openRunFiles, RUN_FILES, writeRunJson } from '../../../src/results/run-files.ts';
import { writeSampleRun } from '../../helpers/run-folder.ts';

const root = mkdtempSync(join(tmpdir(), 'inferload-run-files-'));

// The footer names the time a report was made: everything else must match.
const withoutStamp = (path: string): string =>
  readFileSync(path, 'utf8').replace(/inferload [^,<_]*, [^<_\n]*/g, 'inferload (stamp)');

describe('openRunFiles', () => {
  it('reads a file from disk once, keeps it, and says so in its read counts', () => {
    const dir = writeSampleRun(root, 'kept');
    const files = openRunFiles(dir);
    const first = files.read('summary');
    writeFileSync(join(dir, RUN_FILES.summary), '{}');
    assert.equal(files.read('summary'), first);
    assert.ok('text' in first && first.text.includes('llm_errors'));
    assert.deepEqual(files.reads, { 'summary.json': 1 });
  });

  it('tells an absent file from one that cannot be read', () => {
    const dir = writeSampleRun(root, 'absent', { summary: undefined });
    mkdirSync(join(dir, RUN_FILES.diagnosis));
    const files = openRunFiles(dir);
    const absent = files.read('summary');
    const unreadable = files.read('diagnosis');
    assert.ok('error' in absent && absent.absent);
    assert.ok('error' in unreadable && !unreadable.absent && unreadable.error.code === 'EISDIR');
    assert.equal(files.has('summary'), false);
    assert.equal(files.has('meta'), true);
  });

  it('writes atomically, and reads back what it wrote without going to disk', () => {
    const dir = writeSampleRun(root, 'written');
    const files = openRunFiles(dir);
    assert.equal(files.write('diagnosis', '{"verdict": 1}\n'), join(dir, RUN_FILES.diagnosis));
    assert.deepEqual(files.read('diagnosis'), { text: '{"verdict": 1}\n' });
    assert.deepEqual(files.reads, {});
    writeRunJson(dir, 'meta', { id: 'x' });
    assert.equal(readFileSync(join(dir, RUN_FILES.meta), 'utf8'), '{\n  "id": "x"\n}\n');
    assert.deepEqual(
      readdirSync(dir).filter((name) => name.endsWith('.tmp')),
      [],
    );
  });
});

describe('one run folder through analyzeRun, judgeRun and writeReport', () => {
  it('reads summary.json and diagnostics.jsonl once each when the three share the opened folder', async () => {
    const files = openRunFiles(writeSampleRun(root, 'shared'));
    await analyzeRun(files);
    await judgeRun(files);
    await writeReport(files);
    assert.equal(files.reads['summary.json'], 1);
    assert.equal(files.reads['diagnostics.jsonl'], 1);
    assert.equal(files.reads['meta.json'], 1);
    // judgeRun wrote diagnosis.json through the folder: the report takes it from there.
    assert.equal(files.reads['diagnosis.json'], undefined);
  });

  it('reads every file once, metrics.json.gz included, when the analysis is handed on', async () => {
    const files = openRunFiles(writeSampleRun(root, 'handed-on'));
    const analysis = await analyzeRun(files);
    const diagnosis = await judgeRun(files, undefined, { analysis });
    const paths = await writeReport(files, { analysis, diagnosis });
    assert.deepEqual(files.reads, {
      'meta.json': 1,
      'summary.json': 1,
      'metrics.json.gz': 1,
      'diagnostics.jsonl': 1,
    });
    // The same report as one that reads everything again from the path.
    const again = writeSampleRun(root, 'read-again');
    await judgeRun(again);
    const fresh = await writeReport(again);
    for (const key of ['html', 'markdown', 'seriesCsv', 'summaryCsv'] as const) {
      assert.equal(
        withoutStamp(paths[key]).replaceAll('handed-on', 'read-again'),
        withoutStamp(fresh[key]),
        key,
      );
    }
    rmSync(again, { recursive: true, force: true });
  });
});
