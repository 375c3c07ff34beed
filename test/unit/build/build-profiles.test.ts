import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProfiles, listProfiles } from '../../../src/build/build-profiles.ts';
import { projectRoot } from '../../../src/util/paths.ts';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'profiles');

describe('buildProfiles', () => {
  it('lists only top-level .ts files as profiles', () => {
    assert.deepEqual(listProfiles(fixtures), ['sample']);
  });

  it('builds every real profile twice: with k6/x/sse, and a .http.js that a plain k6 accepts', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'inferload-build-'));
    const built = await buildProfiles({ srcDir: join(projectRoot, 'profiles'), outDir });
    assert.deepEqual(
      built.map((b) => b.name),
      ['heavy', 'light', 'medium', 'saturation', 'soak'],
    );
    for (const profile of built) {
      const full = readFileSync(profile.file, 'utf8');
      const http = readFileSync(profile.httpFile, 'utf8');
      assert.match(full, /from "k6\/x\/sse"/);
      assert.doesNotMatch(http, /from "k6\/x\/sse"/, `${profile.name}.http.js must not import the extension`);
      // Only k6 modules remain as imports: everything else is inlined, so the file runs anywhere k6 runs.
      for (const code of [full, http]) {
        const imports = [...code.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
        assert.ok(
          imports.length > 0 && imports.every((name) => name === 'k6' || name?.startsWith('k6/')),
          imports.join(),
        );
        assert.doesNotMatch(code, /\bprocess\.|require\(|node:/, 'no Node API leaks into a k6 bundle');
      }
    }
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
