// k6's blocking calls for scripts written without `await`: every function becomes async and every call is awaited.
import { type Node, parse } from 'acorn';
import MagicString from 'magic-string';
import { type AnyRecord, forEachChild, isAsyncAware } from './ast-nodes.ts';
import { collectDeclaredNames } from './declared-names.ts';
import { type LiveImport, type ModuleSyntax, rewriteModuleSyntax } from './module-syntax.ts';
import { CALLBACK_METHODS, isKnownSync, isPromiseApi } from './sync-calls.ts';

/** The names the transformed code calls; the runtime provides them (src/engine/runtime/blocking-helpers.ts). */
export const HELPER_METHOD = '__inferload_method';
export const HELPER_NEW = '__inferload_new';
export const HELPER_PAUSE = '__inferload_pause';
/** The loop counter the prelude declares: every 1024th pass of a loop yields to the event loop. */
export const LOOP_COUNTER = '__inferload_loops';
const LOOP_CHECK = `if ((++${LOOP_COUNTER} & 1023) === 0) await ${HELPER_PAUSE}();`;
const LOOPS = new Set([
  'WhileStatement',
  'DoWhileStatement',
  'ForStatement',
  'ForInStatement',
  'ForOfStatement',
]);

export interface TransformedScript extends ModuleSyntax {
  code: MagicString;
  /** False for an async-aware script, left as written (its imports and exports aside). */
  blocking: boolean;
}

interface Context {
  /** `await` may be inserted here: the body of a function made async, or the script's top level. */
  awaitOk: boolean;
  /** Inside an optional chain: accesses after an awaited call are made optional, so the chain short-circuits. */
  inChain: boolean;
  /** Set when an await was inserted in this function: only then is it made async. */
  fn: { awaited: boolean };
}

// Converting these would change what the language does with them (a getter returning a promise, a constructor
// that cannot be async, `${obj}` calling an async toString), so they stay synchronous.
const SYNC_METHOD_NAMES = new Set(['constructor', 'toString', 'valueOf', 'toJSON', '[symbol]']);

/**
 * Parses an ES module bundle and rewrites it for the script factory: imports and exports as `require` and
 * `exports`; then, unless the script is async-aware (it declares an async function: its author awaits, as our
 * profiles do, and it runs as written at full speed), k6's blocking semantics: a function that makes a call
 * that may block becomes async (except getters, setters, constructors, generators, conversions and capitalised
 * ES5 constructors), each such call is awaited, and array methods with callbacks and `new` go through helpers
 * that await a callback's result. `await` on a value that is not a promise only costs a microtask.
 */
export function transformBlocking(source: string): TransformedScript {
  const program = parse(source, { ecmaVersion: 'latest', sourceType: 'module' });
  const code = new MagicString(source);
  const syntax = rewriteModuleSyntax(program, code, collectDeclaredNames(program));
  const blocking = !isAsyncAware(program);
  const walker = new Walker(code, syntax.live, blocking);
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') continue;
    walker.visit(statement as AnyRecord, { awaitOk: blocking, inChain: false, fn: { awaited: false } });
  }
  return { ...syntax, code, blocking };
}

class Walker {
  constructor(
    private readonly code: MagicString,
    private readonly live: Map<string, LiveImport>,
    private readonly enabled: boolean,
  ) {}

  visit(node: AnyRecord, ctx: Context): void {
    switch (node.type) {
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        return this.visitFunction(node, node.start, !startsUpper(node));
      case 'MethodDefinition':
      case 'Property':
        return this.visitMember(node, ctx);
      case 'PropertyDefinition':
        // Class fields and static blocks run in the constructor's synchronous context.
        if (node['computed'] === true) this.visit(node['key'] as AnyRecord, ctx);
        if (node['value']) this.visit(node['value'] as AnyRecord, syncContext());
        return;
      case 'StaticBlock':
        return this.visitChildren(node, syncContext());
      case 'ExportNamedDeclaration':
      case 'ExportDefaultDeclaration':
        // The statement itself was rewritten by rewriteModuleSyntax; only a declaration inside is code.
        if (node['declaration']) this.visit(node['declaration'] as AnyRecord, ctx);
        return;
      case 'ExportAllDeclaration':
        return;
      case 'VariableDeclarator':
        // esbuild's own runtime helpers (__export, __toESM, __commonJS...) stay as they are.
        if (isHelperName((node['id'] as AnyRecord)['name'])) return;
        return this.visitChildren(node, ctx);
      case 'AwaitExpression': {
        const argument = node['argument'] as AnyRecord;
        if (argument.type === 'CallExpression') this.visitCall(argument, ctx, false);
        else this.visit(argument, ctx);
        return;
      }
      case 'ChainExpression':
        return this.visitChildren(node, { ...ctx, inChain: true });
      case 'CallExpression':
        this.visitCall(node, ctx, true);
        return;
      case 'NewExpression':
        return this.visitNew(node, ctx);
      case 'Identifier':
        return this.rewriteLive(node);
      case 'WhileStatement':
      case 'DoWhileStatement':
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement':
        this.visitChildren(node, ctx);
        return this.checkInLoop(node, ctx);
      case 'MemberExpression':
        return this.visitMemberExpression(node, ctx);
      default:
        return this.visitChildren(node, ctx);
    }
  }

  private visitChildren(node: AnyRecord, ctx: Context): void {
    forEachChild(node, (child) => this.visit(child, ctx));
  }

  private visitFunction(node: AnyRecord, asyncAt: number, convert: boolean): void {
    const mayConvert = this.enabled && convert && node['generator'] !== true && node['async'] !== true;
    for (const param of node['params'] as AnyRecord[]) this.visit(param, syncContext());
    const awaitOk = this.enabled && (node['async'] === true ? node['generator'] !== true : mayConvert);
    const fn = { awaited: false };
    this.visit(node['body'] as AnyRecord, { awaitOk, inChain: false, fn });
    // A function without a call that may block stays synchronous: exact, and free (`(r) => r.status === 200`).
    if (mayConvert && fn.awaited) this.code.appendRight(asyncAt, 'async ');
  }

  private visitMember(node: AnyRecord, ctx: Context): void {
    const key = node['key'] as AnyRecord;
    const value = node['value'] as AnyRecord;
    const computed = node['computed'] === true;
    if (computed) this.visit(key, ctx);
    if (node.type === 'Property' && node['shorthand'] === true && value.type === 'Identifier') {
      const binding = this.live.get(value['name'] as string);
      if (binding) this.code.update(node.start, node.end, `${String(value['name'])}: ${liveText(binding)}`);
      return;
    }
    const isMethod = node.type === 'MethodDefinition' || node['method'] === true || node['kind'] !== 'init';
    if (!isMethod || value.type !== 'FunctionExpression') return this.visit(value, ctx);
    const kind = node['kind'] as string;
    const name = computed ? memberName(key) : (key['name'] ?? key['value']);
    const convert = (kind === 'method' || kind === 'init') && !SYNC_METHOD_NAMES.has(String(name));
    const asyncAt = computed ? this.code.original.lastIndexOf('[', key.start) : key.start;
    this.visitFunction(value, asyncAt, convert);
  }

  private visitMemberExpression(node: AnyRecord, ctx: Context): void {
    const object = node['object'] as AnyRecord;
    const computed = node['computed'] === true;
    const awaited =
      object.type === 'CallExpression' ? this.visitCall(object, ctx, true) : (this.visit(object, ctx), false);
    if (computed) this.visit(node['property'] as AnyRecord, ctx);
    // `a?.b().c` became `(await a?.b()).c`: the access after the awaited call must short-circuit too.
    if (!awaited || !ctx.inChain || node['optional'] === true) return;
    const at = this.code.original.indexOf(computed ? '[' : '.', object.end);
    if (computed) this.code.appendRight(at, '?.');
    else this.code.update(at, at + 1, '?.');
  }

  /** Rewrites a call; true when the call was wrapped in an await. */
  private visitCall(node: AnyRecord, ctx: Context, awaitIt: boolean): boolean {
    const callee = node['callee'] as AnyRecord;
    const args = node['arguments'] as AnyRecord[];
    if (callee.type === 'Identifier' && isHelperName(callee['name'])) {
      // Functions handed to esbuild's helpers (module bodies, export getters) are called synchronously.
      for (const arg of args) this.visitHelperArgument(arg);
      return false;
    }
    this.visit(callee, ctx);
    for (const arg of args) this.visit(arg, ctx);
    if (!ctx.awaitOk || callee.type === 'Super') return false;
    const property = callee.type === 'MemberExpression' ? (callee['property'] as AnyRecord) : undefined;
    const method = property && callee['computed'] !== true ? String(property['name']) : '';
    if (CALLBACK_METHODS.has(method) && !ctx.inChain && args.length > 0) {
      const open = this.code.original.indexOf('(', callee.end);
      ctx.fn.awaited = true;
      this.code.prependRight(node.start, `(await ${HELPER_METHOD}(`);
      this.code.update(
        callee['object'] ? (callee['object'] as AnyRecord).end : callee.end,
        open + 1,
        `, "${method}", [`,
      );
      this.code.update(node.end - 1, node.end, ']))');
      return true;
    }
    if (!awaitIt || !this.mayBlock(node)) return false;
    this.awaitAround(node, ctx);
    return true;
  }

  private visitHelperArgument(arg: AnyRecord): void {
    const sync = syncContext();
    if (arg.type === 'FunctionExpression' || arg.type === 'ArrowFunctionExpression')
      return this.visitFunction(arg, arg.start, false);
    if (arg.type !== 'ObjectExpression') return this.visit(arg, sync);
    for (const property of arg['properties'] as AnyRecord[]) {
      const value = property['value'] as AnyRecord | undefined;
      if (value && (value.type === 'FunctionExpression' || value.type === 'ArrowFunctionExpression'))
        this.visitFunction(value, value.start, false);
      else this.visit(property, sync);
    }
  }

  private visitNew(node: AnyRecord, ctx: Context): void {
    const callee = node['callee'] as AnyRecord;
    this.visit(callee, ctx);
    const args = node['arguments'] as AnyRecord[];
    for (const arg of args) this.visit(arg, ctx);
    const open = this.code.original.indexOf('(', callee.end);
    const hasParens = open !== -1 && open < node.end && this.code.original[node.end - 1] === ')';
    if (!ctx.awaitOk || !hasParens || isKnownSync(callee, true)) return;
    // `new SharedArray(name, fn)`: the helper awaits the callback before the constructor sees its result.
    ctx.fn.awaited = true;
    this.code.update(node.start, callee.start, `(await ${HELPER_NEW}(`);
    this.code.update(callee.end, open + 1, ', [');
    this.code.update(node.end - 1, node.end, ']))');
  }

  private mayBlock(call: AnyRecord): boolean {
    const callee = call['callee'] as AnyRecord;
    return !isKnownSync(callee, false) && !isPromiseApi(callee);
  }

  private awaitAround(node: Node, ctx: Context): void {
    ctx.fn.awaited = true;
    // Children were rewritten first: the outer wrapper goes outside theirs at a shared start or end.
    this.code.prependRight(node.start, '(await ');
    this.code.appendLeft(node.end, ')');
  }

  /**
   * A loop in a function that may await yields to the event loop now and then, so that a runaway iteration
   * (`while (true) {}`) sees the scenario's hard stop or Ctrl-C and ends, as k6 interrupts its VUs.
   */
  private checkInLoop(node: AnyRecord, ctx: Context): void {
    if (!ctx.awaitOk || !LOOPS.has(node.type)) return;
    ctx.fn.awaited = true;
    const body = node['body'] as AnyRecord;
    if (body.type === 'BlockStatement') this.code.appendLeft(body.start + 1, ` ${LOOP_CHECK}`);
    else {
      this.code.prependRight(body.start, `{ ${LOOP_CHECK} `);
      this.code.appendLeft(body.end, ' }');
    }
  }

  private rewriteLive(node: AnyRecord): void {
    const binding = this.live.get(node['name'] as string);
    if (binding) this.code.update(node.start, node.end, liveText(binding));
  }
}

function syncContext(): Context {
  return { awaitOk: false, inChain: false, fn: { awaited: false } };
}

function liveText(binding: LiveImport): string {
  return `${binding.holder}[${JSON.stringify(binding.imported)}]`;
}

function isHelperName(name: unknown): boolean {
  return typeof name === 'string' && name.startsWith('__');
}

// ES5-style constructors (`function Point(x) { this.x = x }`, called with `new`) cannot be async.
function startsUpper(node: AnyRecord): boolean {
  const id = node['id'] as AnyRecord | null | undefined;
  return typeof id?.['name'] === 'string' && /^[A-Z]/.test(id['name']);
}

function memberName(key: AnyRecord): string {
  // `[Symbol.iterator]() {}` and the like: protocol methods the language calls synchronously.
  if (key.type === 'MemberExpression' && (key['object'] as AnyRecord)['name'] === 'Symbol') return '[symbol]';
  return '';
}
