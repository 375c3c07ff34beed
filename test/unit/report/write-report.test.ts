import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseObjective } from '../../../src/results/objective-defaults.ts';
import { writeReport } from '../../../src/report/write-report.ts';
import { sampleDiagnosis, writeSampleRun } from '../../helpers/run-folder.ts';

describe('writeReport', () => {
  it('writes the four files into the run folder, leaving no temporary file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'inferload-write-report-'));
    const dir = writeSampleRun(root, 'run', { diagnosis: sampleDiagnosis });
    const paths = await writeReport(dir, { objective: parseObjective('ttft=120ms,tpot=off,e2e=off') });
    assert.deepEqual(paths, {
      html: join(dir, 'report.html'),
      markdown: join(dir, 'report.md'),
      seriesCsv: join(dir, 'series.csv'),
      summaryCsv: join(dir, 'summary.csv'),
    });
    assert.deepEqual(
      readdirSync(dir).filter((name) => name.endsWith('.tmp')),
      [],
    );
    assert.match(readFileSync(paths.html, 'utf8'), /data-verdict="gpu-bound"/);
    // The objective's goodput targets reach the report: TTFTs 100, 101, 110, 111, 120 meet 120 ms.
    assert.match(
      readFileSync(paths.markdown, 'utf8'),
      /^1 req\/s: 5 of 10 requests \(50%\) met TTFT ≤ 120 ms\.$/m,
    );
    assert.match(readFileSync(paths.summaryCsv, 'utf8'), /,gpu-bound\r\n$/);
  });
});
