// `make build`: bundles profiles/*.ts into dist/k6/<profile>.js.
import { join } from 'node:path';
import { buildProfiles } from '../src/build/build-profiles.ts';
import { projectRoot } from '../src/util/paths.ts';

const built = await buildProfiles({
  srcDir: join(projectRoot, 'profiles'),
  outDir: join(projectRoot, 'dist', 'k6'),
});
if (built.length === 0) console.log('no profiles in profiles/ yet: nothing to bundle');
for (const p of built) console.log(`built ${p.name}: ${p.file} and ${p.httpFile}`);
