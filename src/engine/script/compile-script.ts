import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { compileFunction } from 'node:vm';
import { build } from 'esbuild';
import { UserError } from '../../util/errors.ts';
import { EXIT_SCRIPT_EXCEPTION } from '../exit-codes.ts';

/** What the engine hands to one instance of the script: k6's globals and its module loader. */
export interface ScriptHost {
  require(name: string): unknown;
  env: Record<string, string>;
  vu: number;
  open(path: string, mode?: string): string | ArrayBuffer;
  console: Pick<Console, 'log' | 'info' | 'warn' | 'error' | 'debug'>;
  /** Receives the setter the engine calls to move `__ITER` before each iteration. */
  bindIter(setIter: (iteration: number) => void): void;
}

/** A script's exports: `default` and named scenario functions, options, setup, teardown, handleSummary. */
export type ScriptExports = Record<string, unknown> & {
  default?: unknown;
  options?: unknown;
  setup?: unknown;
  teardown?: unknown;
  handleSummary?: unknown;
};

export interface CompiledScript {
  path: string;
  dir: string;
  /** Named imports from k6 modules (`import { check } from 'k6'`), checked against the engine at init. */
  namedImports: { module: string; name: string }[];
  /** Runs the init code once more: every VU, and setup/teardown/summary, get their own instance. */
  instantiate(host: ScriptHost): ScriptExports;
}

type ScriptFactory = (
  require: ScriptHost['require'],
  module: { exports: ScriptExports },
  exports: ScriptExports,
  __ENV: Record<string, string>,
  __VU: number,
  open: ScriptHost['open'],
  console: ScriptHost['console'],
  bindIter: ScriptHost['bindIter'],
) => void;

const PARAMS = ['require', 'module', 'exports', '__ENV', '__VU', 'open', 'console', '__inferload_bindIter'];
// Kept on the first line so the script's line numbers in stack traces stay right.
const PRELUDE = 'let __ITER = 0; __inferload_bindIter(function (i) { __ITER = i; }); ';

/** Bundles a k6 script (JS or TS, local imports inlined, k6 modules external) into a per-VU factory. */
export async function compileScript(scriptPath: string): Promise<CompiledScript> {
  const path = resolve(scriptPath);
  try {
    readFileSync(path);
  } catch {
    throw new UserError(`script ${scriptPath}: no such file`, EXIT_SCRIPT_EXCEPTION);
  }
  let code: string;
  try {
    const result = await build({
      entryPoints: [path],
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'neutral',
      target: 'es2022',
      mainFields: ['module', 'main'],
      external: ['k6', 'k6/*'],
      logLevel: 'silent',
      define: { __INFERLOAD_HTTP_ONLY__: 'false' },
    });
    code = result.outputFiles[0]?.text ?? '';
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n').slice(0, 6).join('\n') : String(error);
    throw new UserError(`script ${scriptPath} does not compile:\n${message}`, EXIT_SCRIPT_EXCEPTION);
  }
  const factory = compileFunction(PRELUDE + code, PARAMS, { filename: path }) as unknown as ScriptFactory;
  return {
    path,
    dir: dirname(path),
    namedImports: await findNamedImports(path),
    instantiate(host) {
      const module = { exports: {} as ScriptExports };
      factory(
        host.require,
        module,
        module.exports,
        host.env,
        host.vu,
        host.open,
        host.console,
        host.bindIter,
      );
      return module.exports;
    },
  };
}

const NAMED_IMPORT = /^import\s+(?:[\w$]+\s*,\s*)?\{([^}]*)\}\s*from\s*"(k6(?:\/[^"]*)?)";?$/gm;

/** Lists `import { a, b as c } from "k6/..."` names, read from an ES-module bundle of the script. */
async function findNamedImports(path: string): Promise<{ module: string; name: string }[]> {
  const result = await build({
    entryPoints: [path],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    external: ['k6', 'k6/*'],
    logLevel: 'silent',
    define: { __INFERLOAD_HTTP_ONLY__: 'false' },
  });
  const text = result.outputFiles[0]?.text ?? '';
  const found: { module: string; name: string }[] = [];
  for (const match of text.matchAll(NAMED_IMPORT)) {
    for (const part of (match[1] ?? '').split(',')) {
      const name = part
        .trim()
        .split(/\s+as\s+/)[0]
        ?.trim();
      if (name && name !== 'default') found.push({ module: match[2] ?? '', name });
    }
  }
  return found;
}
