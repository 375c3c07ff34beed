import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProfiles, listProfiles } from '../../../src/build/build-profiles.ts';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'profiles');

describe('buildProfiles', () => {
  it('lists only top-level .ts files as profiles', () => {
    assert.deepEqual(listProfiles(fixtures), ['sample']);
  });

  it('bundles local code in and keeps k6 modules external', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'inferload-build-'));
    const built = await buildProfiles({ srcDir: fixtures, outDir });
    assert.deepEqual(
      built.map((b) => b.name),
      ['sample'],
    );
    const code = readFileSync(join(outDir, 'sample.js'), 'utf8');
    assert.match(code, /from "k6\/http"/);
    assert.match(code, /from "k6"/);
    assert.doesNotMatch(code, /\.\/lib\/target/, 'local imports are inlined');
    assert.match(code, /TARGET_URL/);
    assert.match(code, /export \{[^}]*options/);
    assert.doesNotMatch(code, /: void|: string/, 'type annotations are stripped');
  });
});
