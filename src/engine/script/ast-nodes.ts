// Plain ESTree nodes from acorn, walked generically: the transform's passes share these.
import type { Node } from 'acorn';

/** An acorn node read by key: the passes look at a few fields of many node types. */
export type AnyRecord = Node & Record<string, unknown>;

/** True for an ESTree node (an object with a string `type`). */
export function isNode(value: unknown): value is AnyRecord {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

/** Calls `visit` on each child node of `node`, in source order. */
export function forEachChild(node: AnyRecord, visit: (child: AnyRecord) => void): void {
  for (const key of Object.keys(node)) {
    if (key === 'type' || key === 'start' || key === 'end') continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) visit(item);
    } else if (isNode(value)) visit(value);
  }
}

/** True when the program declares an async function: a script written for the embedded engine, with awaits. */
export function isAsyncAware(program: Node): boolean {
  let found = false;
  const walk = (node: AnyRecord): void => {
    if (found) return;
    if (node.type.includes('Function') && node['async'] === true) found = true;
    else forEachChild(node, walk);
  };
  walk(program as AnyRecord);
  return found;
}
