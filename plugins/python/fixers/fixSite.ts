import type { Node } from 'web-tree-sitter';
import type { FixContext, FixProposal } from '../../../core/patch/candidate.ts';
import { applyEdits, type TextEdit } from '../../shared/textEdits.ts';
import { parsePythonSource, syntaxProblems } from '../pythonTree.ts';

export { applyEdits, distinctProposals as distinct, type TextEdit } from '../../shared/textEdits.ts';

/** Where a guard goes: the statement that holds the failing expression, and how to leave it. */
export interface GuardSite {
  statement: Node;
  /** Whitespace before the statement on its line. */
  indent: string;
  /** `continue` when the statement is in a loop body, `return None` when it is in a function; outermost last. */
  exits: string[];
}

const SCOPE_BARRIERS = new Set([
  'lambda',
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
]);
const LOOPS = new Set(['for_statement', 'while_statement']);
/** Statements a try/except may wrap whole: one logical line, no block of their own. */
const SIMPLE_STATEMENTS = new Set(['expression_statement', 'return_statement']);

/** Parses the target file and hands `visit` the nodes of `types` that start on the target line. */
export function withNodesOnTargetLine<T>(ctx: FixContext, types: readonly string[], visit: (nodes: Node[]) => T): T {
  const tree = parsePythonSource(ctx.source);
  try {
    const row = ctx.target.line - 1;
    const nodes = tree.rootNode
      .descendantsOfType([...types])
      .filter((node): node is Node => node?.startPosition.row === row);
    return visit(nodes);
  } finally {
    tree.delete();
  }
}

/** The statement directly in a block (or the module) that holds `node`. */
export function enclosingStatement(node: Node): Node | null {
  let current: Node | null = node;
  while (current?.parent && current.parent.type !== 'block' && current.parent.type !== 'module')
    current = current.parent;
  return current?.parent ? current : null;
}

/** True when `node` is evaluated in a nested scope of `statement` (lambda, comprehension): a guard cannot see it. */
export function inNestedScope(node: Node, statement: Node): boolean {
  for (let current = node.parent; current && current.id !== statement.id; current = current.parent) {
    if (SCOPE_BARRIERS.has(current.type)) return true;
  }
  return false;
}

/** The guard site of `node`, or null when the statement does not start its line or has no way out. */
export function guardSite(source: string, node: Node): GuardSite | null {
  const statement = enclosingStatement(node);
  if (!statement || inNestedScope(node, statement)) return null;
  const lineStart = source.lastIndexOf('\n', statement.startIndex - 1) + 1;
  const indent = source.slice(lineStart, statement.startIndex);
  if (!/^[ \t]*$/.test(indent)) return null; // `if x: y = d[k]` on one line: no room for a guard
  const exits: string[] = [];
  for (let current = statement.parent; current; current = current.parent) {
    if (LOOPS.has(current.type) && exits.length === 0 && isInBody(current, statement)) exits.push('continue');
    if (current.type === 'function_definition') {
      exits.push('return None');
      break;
    }
    if (current.type === 'class_definition' || current.type === 'lambda') break;
  }
  return exits.length > 0 ? { statement, indent, exits } : null;
}

function isInBody(loop: Node, statement: Node): boolean {
  const body = loop.childForFieldName('body');
  return body !== null && body.startIndex <= statement.startIndex && statement.endIndex <= body.endIndex;
}

/** One level of indentation, as the file writes it (four spaces unless the statement's block says otherwise). */
export function indentUnit(indent: string): string {
  return indent.includes('\t') ? '\t' : '    ';
}

/** An edit that inserts `if <condition>:` + `<exit>` on the lines just before the guarded statement. */
export function guardBefore(site: GuardSite, condition: string, exit: string): TextEdit {
  const unit = indentUnit(site.indent);
  const text = `if ${condition}:\n${site.indent}${unit}${exit}\n${site.indent}`;
  return { start: site.statement.startIndex, end: site.statement.startIndex, text };
}

/**
 * An edit that wraps a simple statement in `try:` / `except <types>:` / `<exit>`. Null when the statement is compound
 * or holds a multi-line string (re-indenting it would change the string).
 */
export function tryAround(source: string, site: GuardSite, exceptTypes: string, exit: string): TextEdit | null {
  const { statement, indent } = site;
  if (!SIMPLE_STATEMENTS.has(statement.type)) return null;
  const strings = statement.descendantsOfType('string').filter((s): s is Node => s !== null);
  if (strings.some((s) => s.startPosition.row !== s.endPosition.row)) return null;
  const unit = indentUnit(indent);
  const body = source.slice(statement.startIndex, statement.endIndex).replace(/\n/g, `\n${unit}`);
  const text = `try:\n${indent}${unit}${body}\n${indent}except ${exceptTypes}:\n${indent}${unit}${exit}`;
  return { start: statement.startIndex, end: statement.endIndex, text };
}

/** A name, or an attribute chain of names (`order`, `self.levels`): safe to evaluate twice. */
export function isSimpleReference(node: Node | null): node is Node {
  if (!node) return false;
  if (node.type === 'identifier') return true;
  if (node.type === 'attribute') return isSimpleReference(node.childForFieldName('object'));
  return false;
}

/** The proposal for `edits`, or null when they change nothing or leave the file unparseable. */
export function proposal(
  ctx: FixContext,
  strategy: string,
  description: string,
  edits: readonly TextEdit[],
): FixProposal | null {
  const after = applyEdits(ctx.source, edits);
  if (after === ctx.source) return null;
  const tree = parsePythonSource(after);
  try {
    if (syntaxProblems(tree).length > 0) return null;
  } finally {
    tree.delete();
  }
  return { strategy, description, edits: [{ path: ctx.target.path, before: ctx.source, after }] };
}
