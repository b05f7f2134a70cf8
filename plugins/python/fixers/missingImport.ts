import type { Node } from 'web-tree-sitter';
import type { FixContext, Fixer, FixProposal } from '../../../core/patch/candidate.ts';
import { parsePythonSource } from '../pythonTree.ts';
import { proposal, withNodesOnTargetLine } from './fixSite.ts';
import { DATETIME_CLASS_ATTRIBUTES, STANDARD_MODULES, STANDARD_NAMES } from './standardImports.ts';

const IMPORTS = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);

/**
 * `missing-import`: a NameError for a name the module uses but never imports gets the import added after the
 * module's last top-level import. The import comes from a fixed allow-list of the standard library; the `name`
 * capture only picks the identifier on the failing line, and the text written is the allow-list's, never the log's.
 */
export const missingImportFixer: Fixer = {
  strategy: 'missing-import',
  propose(ctx: FixContext) {
    const name = ctx.captures['name'];
    if (name === undefined) return [];
    const used = withNodesOnTargetLine(ctx, ['identifier'], (ids) => {
      const id = ids.find((node) => node.text === name);
      return id ? { text: id.text, attribute: attributeAfter(id) } : null;
    });
    if (!used || isBoundInModule(ctx.source, used.text)) return [];
    const statement = standardImport(used.text, used.attribute);
    return statement ? [addImport(ctx, statement)].filter((p): p is FixProposal => p !== null) : [];
  },
};

/** `datetime` in `datetime.now()`: the attribute read right after the name, if any. */
function attributeAfter(id: Node): string | null {
  const parent = id.parent;
  if (parent?.type !== 'attribute' || parent.childForFieldName('object')?.id !== id.id) return null;
  return parent.childForFieldName('attribute')?.text ?? null;
}

function standardImport(name: string, attribute: string | null): string | null {
  if (name === 'datetime' && attribute !== null && DATETIME_CLASS_ATTRIBUTES.has(attribute)) {
    return 'from datetime import datetime';
  }
  if (STANDARD_MODULES.has(name)) return `import ${name}`;
  return STANDARD_NAMES[name] ?? null;
}

/** Already imported, defined or assigned at module level: the NameError has another cause (scope, order). */
function isBoundInModule(source: string, name: string): boolean {
  const tree = parsePythonSource(source);
  try {
    for (const statement of tree.rootNode.namedChildren) {
      if (!statement) continue;
      if (IMPORTS.has(statement.type) && statement.descendantsOfType(['identifier']).some((id) => id?.text === name))
        return true;
      const defined = statement.childForFieldName('name')?.text;
      if ((statement.type === 'function_definition' || statement.type === 'class_definition') && defined === name)
        return true;
      const assigned = statement.firstNamedChild?.childForFieldName('left');
      if (statement.type === 'expression_statement' && assigned?.text === name) return true;
    }
    return false;
  } finally {
    tree.delete();
  }
}

function addImport(ctx: FixContext, statement: string): FixProposal | null {
  const tree = parsePythonSource(ctx.source);
  let at: number;
  try {
    const top = tree.rootNode.namedChildren.filter((n): n is Node => n !== null);
    const lastImport = top.filter((n) => IMPORTS.has(n.type)).at(-1);
    const docstring =
      top[0]?.type === 'expression_statement' && top[0].firstNamedChild?.type === 'string' ? top[0] : null;
    const after = lastImport ?? docstring;
    at = after ? lineEnd(ctx.source, after.endIndex) : 0;
  } finally {
    tree.delete();
  }
  const text = at === 0 ? `${statement}\n` : `\n${statement}`;
  return proposal(ctx, 'missing-import', `Add the missing \`${statement}\` at the top of the module.`, [
    { start: at, end: at, text },
  ]);
}

function lineEnd(source: string, index: number): number {
  const newline = source.indexOf('\n', index);
  return newline === -1 ? source.length : newline;
}
