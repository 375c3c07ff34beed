// Every name the bundle binds anywhere: an import whose name is reused elsewhere cannot be rewritten as a read.
import type { Node } from 'acorn';
import { type AnyRecord, forEachChild } from './ast-nodes.ts';

/** Collects the names declared by variables, functions, classes, parameters and catch clauses. */
export function collectDeclaredNames(program: Node): Set<string> {
  const names = new Set<string>();
  const walk = (node: AnyRecord): void => {
    switch (node.type) {
      case 'VariableDeclarator':
        addPattern(node['id'] as AnyRecord, names);
        break;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ClassDeclaration':
      case 'ClassExpression':
        if (node['id']) addPattern(node['id'] as AnyRecord, names);
        break;
      case 'CatchClause':
        if (node['param']) addPattern(node['param'] as AnyRecord, names);
        break;
      default:
    }
    if (node.type.includes('Function'))
      for (const param of node['params'] as AnyRecord[]) addPattern(param, names);
    forEachChild(node, walk);
  };
  walk(program as AnyRecord);
  return names;
}

function addPattern(node: AnyRecord, names: Set<string>): void {
  switch (node.type) {
    case 'Identifier':
      names.add(node['name'] as string);
      return;
    case 'ObjectPattern':
      for (const property of node['properties'] as AnyRecord[])
        addPattern(
          (property.type === 'RestElement' ? property['argument'] : property['value']) as AnyRecord,
          names,
        );
      return;
    case 'ArrayPattern':
      for (const element of node['elements'] as (AnyRecord | null)[]) if (element) addPattern(element, names);
      return;
    case 'RestElement':
      return addPattern(node['argument'] as AnyRecord, names);
    case 'AssignmentPattern':
      return addPattern(node['left'] as AnyRecord, names);
    default:
  }
}
