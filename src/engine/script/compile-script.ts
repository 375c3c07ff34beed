import { readFileSync } from 'node:fs';
import type { SourceMapPayload } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { runInThisContext } from 'node:vm';
import { build } from 'esbuild';
import { UserError } from '../../util/errors.ts';
import { EXIT_SCRIPT_EXCEPTION } from '../exit-codes.ts';
import {
  HELPER_METHOD,
  HELPER_NEW,
  HELPER_PAUSE,
  LOOP_COUNTER,
  type TransformedScript,
  transformBlocking,
} from './blocking-transform.ts';
import { type StackMapper, createStackMapper } from './stack-mapper.ts';

/** What the blocking transform's calls reach at run time (src/engine/runtime/blocking-helpers.ts). */
export interface BlockingHelpers {
  /** `obj.map(cb)` and the other callback methods, awaiting each callback's result on arrays. */
  method(target: unknown, name: string, args: unknown[]): Promise<unknown>;
  /** `new C(...args)`, through an async constructor where the runtime has one (SharedArray). */
  construct(constructor: unknown, args: unknown[]): Promise<unknown>;
  /** Called by loops now and then: yields to the event loop, and throws once the iteration was hard-stopped. */
  pause(): Promise<void>;
}

/** What the engine hands to one instance of the script: k6's globals and its module loader. */
export interface ScriptHost {
  require(name: string): unknown;
  env: Record<string, string>;
  vu: number;
  open(path: string, mode?: string): string | ArrayBuffer;
  console: Pick<Console, 'log' | 'info' | 'warn' | 'error' | 'debug'>;
  /** Receives the setter the engine calls to move `__ITER` before each iteration. */
  bindIter(setIter: (iteration: number) => void): void;
  helpers: BlockingHelpers;
  /** k6's globals besides the modules: the VU's timers and WebCrypto's `crypto` (src/engine/modules/script-globals.ts). */
  globals: Record<string, unknown>;
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
  instantiate(host: ScriptHost): Promise<ScriptExports>;
  /** An error's stack with frames in the user's files (`at f2 (lib/imported.js:6:9)`), engine frames left out. */
  mapStack: StackMapper;
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
  method: BlockingHelpers['method'],
  construct: BlockingHelpers['construct'],
  pause: BlockingHelpers['pause'],
  globals: ScriptHost['globals'],
) => Promise<void>;

const PARAMS = ['require', 'module', 'exports', '__ENV', '__VU', 'open', 'console', '__inferload_bindIter'];
// On the first line, so the script's own lines keep their numbers; the source map covers the columns. The
// globals are bound in an outer function so that a script declaring its own `setTimeout` (or importing it from
// k6/timers) shadows them instead of clashing.
const PRELUDE =
  `(async function (${[...PARAMS, HELPER_METHOD, HELPER_NEW, HELPER_PAUSE].join(', ')}, __inferload_globals) { ` +
  `const { setTimeout, clearTimeout, setInterval, clearInterval, crypto } = __inferload_globals; ` +
  `return (async function () { 'use strict'; ` +
  `let __ITER = 0, ${LOOP_COUNTER} = 0; __inferload_bindIter(function (i) { __ITER = i; }); `;

/**
 * Bundles a k6 script (JS or TS, local imports inlined, k6 modules external) as an ES module, rewrites it so
 * that k6's blocking calls block (src/engine/script/blocking-transform.ts; top-level await allowed), and makes
 * a per-VU factory whose stack traces name the user's files.
 */
export async function compileScript(scriptPath: string): Promise<CompiledScript> {
  const path = resolve(scriptPath);
  try {
    readFileSync(path);
  } catch {
    throw new UserError(`script ${scriptPath}: no such file`, EXIT_SCRIPT_EXCEPTION);
  }
  const bundle = await bundleScript(path, scriptPath);
  let transformed: TransformedScript;
  try {
    transformed = transformBlocking(bundle.code);
  } catch (error) {
    throw new UserError(`script ${scriptPath} does not compile: ${String(error)}`, EXIT_SCRIPT_EXCEPTION);
  }
  const { code, namedImports } = transformed;
  code.prepend(PRELUDE).append('\n})(); })');
  const transformMap = code.generateMap({ hires: true, source: 'bundle.js' }) as unknown as SourceMapPayload;
  const factory = runInThisContext(code.toString(), { filename: path }) as ScriptFactory;
  return {
    path,
    dir: dirname(path),
    namedImports,
    mapStack: createStackMapper(path, dirname(path), transformMap, bundle.map),
    async instantiate(host) {
      const module = { exports: {} as ScriptExports };
      await factory(
        host.require,
        module,
        module.exports,
        host.env,
        host.vu,
        host.open,
        host.console,
        host.bindIter,
        host.helpers.method,
        host.helpers.construct,
        host.helpers.pause,
        host.globals,
      );
      return module.exports;
    },
  };
}

/** esbuild's ES-module bundle of the script and its source map (sources relative to the script's folder). */
async function bundleScript(path: string, shown: string): Promise<{ code: string; map: SourceMapPayload }> {
  try {
    const result = await build({
      entryPoints: [path],
      outfile: join(dirname(path), 'inferload-bundle.js'),
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      mainFields: ['module', 'main'],
      external: ['k6', 'k6/*'],
      logLevel: 'silent',
      sourcemap: 'external',
      sourcesContent: false,
      define: { __INFERLOAD_HTTP_ONLY__: 'false' },
    });
    const code = result.outputFiles.find((file) => file.path.endsWith('.js'))?.text ?? '';
    const map = result.outputFiles.find((file) => file.path.endsWith('.map'))?.text ?? '{}';
    return { code, map: JSON.parse(map) as SourceMapPayload };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n').slice(0, 6).join('\n') : String(error);
    throw new UserError(`script ${shown} does not compile:\n${message}`, EXIT_SCRIPT_EXCEPTION);
  }
}
