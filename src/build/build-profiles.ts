import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { build, type Plugin } from 'esbuild';

export interface BuildProfilesOptions {
  /** Folder with one `<profile>.ts` per load profile; subfolders hold shared code. */
  srcDir: string;
  outDir: string;
}

export interface BuiltProfile {
  name: string;
  /** The full bundle; streaming imports `k6/x/sse`. */
  file: string;
  /** The same profile without any extension import, for a plain k6 (non-streaming only). */
  httpFile: string;
}

/** Lists the profiles: the .ts files directly in srcDir (workloads and helpers live in subfolders). */
export function listProfiles(srcDir: string): string[] {
  return readdirSync(srcDir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => basename(e.name, '.ts'))
    .sort();
}

// A plain k6 refuses a whole script that imports an unknown module, so the .http.js variant gets a stand-in.
const SSE_STUB = `export function open() {
  throw new Error("streaming needs the k6/x/sse extension: run the profile's .js bundle on a k6 built with xk6-sse");
}
export default { open };`;

const stubSse: Plugin = {
  name: 'stub-k6-x-sse',
  setup(b) {
    b.onResolve({ filter: /^k6\/x\/sse$/ }, () => ({ path: 'k6/x/sse', namespace: 'inferload-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'inferload-stub' }, () => ({ contents: SSE_STUB, loader: 'js' }));
  },
};

async function bundle(entry: string, outfile: string, name: string, httpOnly: boolean): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2020',
    mainFields: ['module', 'main'],
    external: httpOnly ? ['k6', 'k6/http', 'k6/metrics', 'k6/execution', 'k6/data'] : ['k6', 'k6/*'],
    plugins: httpOnly ? [stubSse] : [],
    define: { __INFERLOAD_HTTP_ONLY__: String(httpOnly) },
    logLevel: 'silent',
    legalComments: 'none',
    banner: {
      js: `// inferload profile '${name}'${httpOnly ? ' (no k6/x/sse: non-streaming only)' : ''}; built from profiles/${name}.ts, do not edit`,
    },
  });
}

/**
 * Bundles each profile into self-contained ES modules for k6: our code, data and npm dependencies inlined,
 * `k6` and `k6/*` left as imports for the runtime (real k6 or the embedded engine) to provide.
 */
export async function buildProfiles(options: BuildProfilesOptions): Promise<BuiltProfile[]> {
  const built: BuiltProfile[] = [];
  for (const name of listProfiles(options.srcDir)) {
    const entry = join(options.srcDir, `${name}.ts`);
    const file = join(options.outDir, `${name}.js`);
    const httpFile = join(options.outDir, `${name}.http.js`);
    await bundle(entry, file, name, false);
    await bundle(entry, httpFile, name, true);
    built.push({ name, file, httpFile });
  }
  return built;
}
