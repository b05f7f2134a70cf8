import type { Node, Tree } from 'web-tree-sitter';
import type { TextEdit } from '../../shared/textEdits.ts';
import { descendants } from './goSyntax.ts';

export {
  applyEdits,
  distinctProposals as distinct,
  type TextEdit,
  targetProposal as proposal,
} from '../../shared/textEdits.ts';

/** The whitespace before the first character of the line `node` starts on. */
export function indentationOf(source: string, node: Node): string {
  const lineStart = source.lastIndexOf('\n', node.startIndex - 1) + 1;
  return /^[ \t]*/.exec(source.slice(lineStart))?.[0] ?? '';
}

/** Inserts `lines` (already formatted, no indentation) before `statement`, each indented as the statement is. */
export function insertBefore(source: string, statement: Node, lines: readonly string[]): TextEdit {
  const indent = indentationOf(source, statement);
  const lineStart = source.lastIndexOf('\n', statement.startIndex - 1) + 1;
  const text = lines.map((line) => (line.length > 0 ? `${indent}${line}\n` : '\n')).join('');
  return { start: lineStart, end: lineStart, text };
}

/** Inserts `lines` after the line `statement` ends on, indented as the statement is. */
export function insertAfter(source: string, statement: Node, lines: readonly string[]): TextEdit {
  const indent = indentationOf(source, statement);
  const lineEnd = source.indexOf('\n', statement.endIndex);
  const at = lineEnd === -1 ? source.length : lineEnd + 1;
  const text = lines.map((line) => `${indent}${line}\n`).join('');
  return { start: at, end: at, text: lineEnd === -1 ? `\n${text}` : text };
}

/** `if <condition> {` + exit + `}` before `statement`. */
export function guardBefore(source: string, statement: Node, condition: string, exit: string): TextEdit {
  return insertBefore(source, statement, [`if ${condition} {`, `\t${exit}`, '}']);
}

/** Adds `import "<path>"` unless the file already imports it; null when nothing needs adding. */
export function ensureImport(tree: Tree, path: string): TextEdit | null {
  const specs = descendants(tree.rootNode, ['import_spec']);
  if (specs.some((s) => s.childForFieldName('path')?.text === `"${path}"`)) return null;
  const lists = descendants(tree.rootNode, ['import_spec_list']);
  const list = lists[0];
  if (list) {
    const open = list.startIndex + 1;
    return { start: open, end: open, text: `\n\t"${path}"` };
  }
  const single = descendants(tree.rootNode, ['import_declaration'])[0];
  if (single) return { start: single.endIndex, end: single.endIndex, text: `\nimport "${path}"` };
  const pkg = descendants(tree.rootNode, ['package_clause'])[0];
  if (!pkg) return null;
  return { start: pkg.endIndex, end: pkg.endIndex, text: `\n\nimport "${path}"` };
}
