import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDiagnosis } from '../../../src/report/read-diagnosis.ts';
import { sampleDiagnosis } from '../../helpers/run-folder.ts';

describe('readDiagnosis', () => {
  it('reads diagnosis.json, says nothing when it is absent and names what is wrong when it is broken', () => {
    const dir = mkdtempSync(join(tmpdir(), 'inferload-read-diagnosis-'));
    assert.deepEqual(readDiagnosis(dir), {});
    writeFileSync(join(dir, 'diagnosis.json'), JSON.stringify(sampleDiagnosis));
    assert.deepEqual(readDiagnosis(dir), { diagnosis: sampleDiagnosis });
    writeFileSync(join(dir, 'diagnosis.json'), '{"verdict":');
    assert.match(readDiagnosis(dir).problem ?? '', /^diagnosis\.json is not valid JSON \(/);
    writeFileSync(join(dir, 'diagnosis.json'), '{"verdict": "gpu-bound"}');
    assert.equal(
      readDiagnosis(dir).problem,
      'diagnosis.json lacks a verdict, findings, gaps or recommendation: not shown',
    );
  });
});
