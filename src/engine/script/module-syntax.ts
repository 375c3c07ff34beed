// The bundle's ES module syntax turned into the script factory's: imports read `require`, exports fill `exports`.
import type MagicString from 'magic-string';
import type { ExportNamedDeclaration, ImportDeclaration, Program } from 'acorn';

/** A named import kept live: every reference to `local` reads `holder.imported` at the time of the read. */
export interface LiveImport {
  holder: string;
  imported: string;
}

export interface ModuleSyntax {
  /** Named imports from k6 modules (`import { check } from 'k6'`), checked against the engine at init. */
  namedImports: { module: string; name: string }[];
  /** Local names whose references must be rewritten (k6/execution's exports are getters: reads stay live). */
  live: Map<string, LiveImport>;
}

/**
 * Rewrites the top-level import and export statements in place. A named import becomes a read of the module
 * object at each use (as an ES module binding is live); where the bundle declares the same name elsewhere, a
 * copy taken at init instead.
 */
export function rewriteModuleSyntax(
  program: Program,
  code: MagicString,
  declared: Set<string>,
): ModuleSyntax {
  const namedImports: ModuleSyntax['namedImports'] = [];
  const live = new Map<string, LiveImport>();
  let count = 0;
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') {
      const holder = `__inferload_import${count++}`;
      code.update(statement.start, statement.end, importText(statement, holder, declared, live));
      for (const spec of statement.specifiers) {
        if (spec.type === 'ImportSpecifier') {
          const name = nameOf(spec.imported);
          if (name !== 'default') namedImports.push({ module: String(statement.source.value), name });
        }
      }
    } else if (statement.type === 'ExportNamedDeclaration') {
      rewriteNamedExport(statement, code);
    } else if (statement.type === 'ExportDefaultDeclaration') {
      const declaration = statement.declaration;
      const id = 'id' in declaration ? declaration.id : null;
      if ((declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') && id) {
        code.update(statement.start, declaration.start, '');
        code.appendLeft(statement.end, `\nexports.default = ${id.name};`);
      } else {
        code.update(statement.start, declaration.start, 'exports.default = ');
      }
    } else if (statement.type === 'ExportAllDeclaration') {
      code.update(
        statement.start,
        statement.end,
        `Object.assign(exports, require(${JSON.stringify(statement.source.value)}));`,
      );
    }
  }
  return { namedImports, live };
}

function importText(
  statement: ImportDeclaration,
  holder: string,
  declared: Set<string>,
  live: Map<string, LiveImport>,
): string {
  const parts = [`const ${holder} = require(${JSON.stringify(statement.source.value)});`];
  for (const spec of statement.specifiers) {
    const local = spec.local.name;
    if (spec.type === 'ImportDefaultSpecifier') parts.push(`const ${local} = ${holder}.default;`);
    else if (spec.type === 'ImportNamespaceSpecifier') parts.push(`const ${local} = ${holder};`);
    else {
      const imported = nameOf(spec.imported);
      // A name declared elsewhere too (shadowing): a copy taken at init, rather than a rewrite of every use.
      if (declared.has(local)) parts.push(`const ${local} = ${holder}[${JSON.stringify(imported)}];`);
      else live.set(local, { holder, imported });
    }
  }
  return parts.join(' ');
}

function rewriteNamedExport(statement: ExportNamedDeclaration, code: MagicString): void {
  const { declaration, source } = statement;
  if (declaration) {
    code.update(statement.start, declaration.start, '');
    const names =
      declaration.type === 'VariableDeclaration'
        ? declaration.declarations.flatMap((d) => (d.id.type === 'Identifier' ? [d.id.name] : []))
        : declaration.id
          ? [declaration.id.name]
          : [];
    code.appendLeft(statement.end, names.map((name) => `\nexports.${name} = ${name};`).join(''));
    return;
  }
  const from = source ? `require(${JSON.stringify(source.value)})` : undefined;
  const assignments = statement.specifiers.map((spec) => {
    const exported = JSON.stringify(nameOf(spec.exported));
    const local = nameOf(spec.local);
    return `exports[${exported}] = ${from ? `${from}[${JSON.stringify(local)}]` : local};`;
  });
  code.update(statement.start, statement.end, assignments.join(' '));
}

function nameOf(node: { type: string; name?: string; value?: unknown }): string {
  return node.type === 'Identifier' ? (node.name ?? '') : String(node.value);
}
