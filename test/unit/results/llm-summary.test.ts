import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DamagedRunFileError } from '../../../src/results/damaged-run-file.ts';
import { summarizeLlmRun } from '../../../src/results/llm-summary.ts';
import { sampleSummary } from '../../helpers/run-folder.ts';

const dir = mkdtempSync(join(tmpdir(), 'inferload-summary-'));

function problemOf(text: string): string {
  const path = join(dir, 'summary.json');
  writeFileSync(path, text);
  try {
    summarizeLlmRun(path, 5);
  } catch (error) {
    assert.ok(error instanceof DamagedRunFileError, String(error));
    assert.equal(error.damage.path, path);
    assert.equal(error.damage.file, 'summary.json');
    return error.damage.problem;
  }
  throw new Error('no damage');
}

describe('summarizeLlmRun on a damaged summary.json', () => {
  it('says a truncated summary.json is not valid JSON, at the line it stops', () => {
    const whole = JSON.stringify(sampleSummary, null, 4);
    // Cut just before "llm_ttft": the last whole line is the 30th, "},", closing llm_output_tokens_total.
    assert.equal(
      problemOf(whole.slice(0, whole.indexOf('"llm_ttft"'))),
      'not valid JSON (Unexpected end of JSON input at line 30)',
    );
  });

  it('says JSON that is not a summary export is not one', () => {
    assert.equal(problemOf('null'), 'not a k6 summary export (it has no "metrics" object)');
    assert.equal(problemOf('{"metrics": []}'), 'not a k6 summary export (it has no "metrics" object)');
  });

  it('skips metrics that are not objects, and still fails on a missing file with ENOENT', () => {
    const path = join(dir, 'odd.json');
    writeFileSync(path, JSON.stringify({ metrics: { ...sampleSummary.metrics, llm_itl: null, vus: 3 } }));
    const summary = summarizeLlmRun(path, 5);
    assert.equal(summary.requests, 10);
    assert.deepEqual(
      summary.latency.map((row) => row.name),
      ['TTFT', 'TPOT', 'E2E'],
    );
    assert.throws(() => summarizeLlmRun(join(dir, 'none.json'), 5), { code: 'ENOENT' });
  });
});
