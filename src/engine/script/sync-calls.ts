// Which calls the blocking transform leaves alone: ones that cannot block, and ones that must stay promises.
import type { AnyRecord } from './ast-nodes.ts';

/** Array methods that call a callback: routed through the runtime's helper, which awaits each result. */
export const CALLBACK_METHODS = new Set([
  'forEach',
  'map',
  'filter',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'reduce',
  'reduceRight',
  'flatMap',
  'sort',
  'toSorted',
]);

// Built-ins that never call back into the script: awaiting them would only cost a microtask per call.
const SYNC_GLOBALS = new Set([
  'JSON',
  'Math',
  'Object',
  'Number',
  'String',
  'console',
  'Date',
  'Array',
  'Reflect',
]);
const SYNC_FUNCTIONS = new Set([
  'parseInt',
  'parseFloat',
  'isNaN',
  'isFinite',
  'encodeURIComponent',
  'decodeURIComponent',
  'encodeURI',
  'decodeURI',
  'String',
  'Number',
  'Boolean',
  'Symbol',
]);
const SYNC_CONSTRUCTORS = new Set([
  'Date',
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'Error',
  'TypeError',
  'RangeError',
  'RegExp',
  'URL',
  'URLSearchParams',
  'Array',
  'Object',
  'Promise',
  'ArrayBuffer',
  'Uint8Array',
  'Int32Array',
  'Float64Array',
  'DataView',
  'TextEncoder',
  'TextDecoder',
]);
// Methods of strings, arrays, regular expressions and dates that take no callback, and k6's own sync ones.
const SYNC_METHODS = new Set([
  'push',
  'pop',
  'shift',
  'unshift',
  'slice',
  'splice',
  'join',
  'split',
  'indexOf',
  'lastIndexOf',
  'includes',
  'startsWith',
  'endsWith',
  'trim',
  'trimStart',
  'trimEnd',
  'toFixed',
  'toLowerCase',
  'toUpperCase',
  'substring',
  'substr',
  'charAt',
  'charCodeAt',
  'codePointAt',
  'padStart',
  'padEnd',
  'concat',
  'hasOwnProperty',
  'match',
  'test',
  'exec',
  'repeat',
  'at',
  'toString',
  'toISOString',
  'getTime',
  // k6 Response.json() and Metric.add() never block; a user's own method of the same name that does is
  // reported by the engine's forgotten-await check.
  'json',
  'add',
]);

/** True for a callee (or a `new` callee) that cannot block: JSON.parse, Math.max, str.split, new Date... */
export function isKnownSync(callee: AnyRecord, isNew: boolean): boolean {
  if (callee.type === 'Identifier') {
    const name = callee['name'] as string;
    return isNew ? SYNC_CONSTRUCTORS.has(name) : SYNC_FUNCTIONS.has(name) || name === 'require';
  }
  if (callee.type !== 'MemberExpression' || callee['computed'] === true) return false;
  const object = callee['object'] as AnyRecord;
  if (object.type === 'Identifier' && SYNC_GLOBALS.has(object['name'] as string)) return true;
  return !isNew && SYNC_METHODS.has((callee['property'] as AnyRecord)['name'] as string);
}

/**
 * True where the script wants the promise itself: `http.asyncRequest(...)`, `Promise.all(...)`, `p.then(...)`;
 * awaiting them would break `.then` chains and serialise what the script runs in parallel.
 */
export function isPromiseApi(callee: AnyRecord): boolean {
  if (callee.type !== 'MemberExpression' || callee['computed'] === true) return false;
  const property = (callee['property'] as AnyRecord)['name'];
  const object = callee['object'] as AnyRecord;
  return (
    property === 'asyncRequest' ||
    property === 'then' ||
    property === 'catch' ||
    property === 'finally' ||
    (object.type === 'Identifier' && object['name'] === 'Promise')
  );
}
