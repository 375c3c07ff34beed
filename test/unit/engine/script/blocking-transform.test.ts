// Scripts written for k6 (no await) compiled by compileScript and run against a fake k6/http whose calls resolve
// later, as the engine's do: the results are what k6's blocking calls give.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileScript, type ScriptExports } from '../../../../src/engine/script/compile-script.ts';
import { blockingHelpers } from '../../../../src/engine/runtime/blocking-helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'inferload-blocking-'));
const later = <T>(value: T): Promise<T> => new Promise((resolve) => setImmediate(() => resolve(value)));

function fakeModules(state: { iteration: number }): Record<string, Record<string, unknown>> {
  const http = {
    get: (url: string) => later({ status: url.endsWith('404') ? 404 : 200, url }),
    asyncRequest: (_method: string, url: string) => later({ status: 200, url }),
  };
  const execution = {};
  Object.defineProperty(execution, 'scenario', {
    get: () => ({ iteration: state.iteration }),
    enumerable: true,
  });
  return { 'k6/http': { ...http, default: http }, 'k6/execution': execution };
}

async function load(files: Record<string, string>, state = { iteration: 0 }): Promise<ScriptExports> {
  const sub = mkdtempSync(join(dir, 'case-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(sub, name), text);
  const script = await compileScript(join(sub, 'script.js'));
  const modules = fakeModules(state);
  return script.instantiate({
    require: (name) => modules[name],
    env: {},
    vu: 1,
    open: () => '',
    console,
    bindIter: () => undefined,
    helpers: { ...blockingHelpers, pause: () => new Promise((resolve) => setImmediate(resolve)) },
    globals: {},
  });
}

const call = async (exports: ScriptExports, name = 'default'): Promise<unknown> =>
  (exports[name] as () => unknown)();

describe('the blocking transform', () => {
  it('makes a blocking call return its value, through helpers, methods and imported modules', async () => {
    const exports = await load({
      'lib.js': `import http from 'k6/http';
        export function statusOf(url) { return http.get(url).status; }
        export class Api { code(c) { return http.get('/x/' + c).status; } }`,
      'script.js': `import http from 'k6/http';
        import { statusOf, Api } from './lib.js';
        const api = new Api();
        export default function () {
          const res = http.get('/ok');
          return [res.status, statusOf('/404'), api.code(404), [1, 2].map((n) => http.get('/' + n).url)];
        }`,
    });
    assert.deepEqual(await call(exports), [200, 404, 404, ['/1', '/2']]);
  });

  it('leaves functions without calls synchronous, and getters, constructors, toString as the language needs', async () => {
    const exports = await load({
      'script.js': `import http from 'k6/http';
        function Point(x) { this.x = x; }
        class Box { constructor(v) { this.v = v; } get twice() { return this.v * 2; } toString() { return 'box' + this.v; } }
        export const isOk = (r) => r.status === 200;
        export default function () {
          const b = new Box(http.get('/a').status);
          return [new Point(3).x, b.twice, \`\${b}\`];
        }`,
    });
    assert.equal((exports['isOk'] as (r: { status: number }) => unknown)({ status: 200 }), true);
    assert.deepEqual(await call(exports), [3, 400, 'box200']);
  });

  it('keeps the promise where the script wants one: asyncRequest, then chains, Promise.all', async () => {
    const exports = await load({
      'script.js': `import http from 'k6/http';
        export default function () {
          const one = http.asyncRequest('GET', '/a').then((r) => r.url + '!');
          return Promise.all([one, http.asyncRequest('GET', '/b')]).then((all) => [all[0], all[1].url]);
        }`,
    });
    assert.deepEqual(await call(exports), ['/a!', '/b']);
  });

  it('leaves an async-aware script (one with an async function) as written', async () => {
    const exports = await load({
      'script.js': `import http from 'k6/http';
        export default async function () {
          const pending = http.get('/a');
          return [pending instanceof Promise, (await pending).status];
        }`,
    });
    assert.deepEqual(await call(exports), [true, 200]);
  });

  it('keeps optional chains short-circuiting', async () => {
    const exports = await load({
      'script.js': `import http from 'k6/http';
        const none = null;
        export default function () { return [none?.get('/a').status, http?.get('/b').status]; }`,
    });
    assert.deepEqual(await call(exports), [undefined, 200]);
  });

  it('supports top-level await, and named imports stay live bindings', async () => {
    const state = { iteration: 0 };
    const exports = await load(
      {
        'script.js': `import { scenario } from 'k6/execution';
          const base = await Promise.resolve(10);
          export default function () { return base + scenario.iteration; }`,
      },
      state,
    );
    assert.equal(await call(exports), 10);
    state.iteration = 5;
    assert.equal(await call(exports), 15);
  });

  it('maps an error thrown in an imported module to its file, line and column', async () => {
    const sub = mkdtempSync(join(dir, 'stack-'));
    writeFileSync(
      join(sub, 'helper.js'),
      `export function f1() {\n  return f2();\n}\nfunction f2() {\n  throw new Error('deep');\n}\n`,
    );
    writeFileSync(
      join(sub, 'script.js'),
      `import { f1 } from './helper.js';\nexport default function () {\n  f1();\n}\n`,
    );
    const script = await compileScript(join(sub, 'script.js'));
    const exports = await script.instantiate({
      require: () => ({}),
      env: {},
      vu: 1,
      open: () => '',
      console,
      bindIter: () => undefined,
      helpers: { ...blockingHelpers, pause: () => new Promise((resolve) => setImmediate(resolve)) },
      globals: {},
    });
    const error = await (exports.default as () => Promise<unknown>)().catch((e: unknown) => e);
    const stack = script.mapStack((error as Error).stack ?? '');
    assert.match(
      stack,
      /^Error: deep\n\s+at f2 \(helper\.js:5:9\)\n\s+at f1 \(helper\.js:2:10\)\n\s+at .*\(script\.js:3:3\)$/,
    );
  });

  it('names the file when the bundle cannot be parsed', async () => {
    await assert.rejects(load({ 'script.js': 'export default function ( {' }), /script\.js does not compile/);
  });
});
