import type { Node } from 'web-tree-sitter';
import type { TextEdit } from '../../shared/textEdits.ts';

export {
  applyEdits,
  distinctProposals,
  type TextEdit,
  targetProposal as buildProposal,
} from '../../shared/textEdits.ts';

export function replaceNode(node: Node, text: string): TextEdit {
  return { start: node.startIndex, end: node.endIndex, text };
}

/** Whitespace at the start of the line holding `index`. */
export function lineIndentAt(source: string, index: number): string {
  const lineStart = source.lastIndexOf('\n', index - 1) + 1;
  return /^[ \t]*/.exec(source.slice(lineStart))?.[0] ?? '';
}

/**
 * One level of indentation in this file: the difference between the statement's indent and its block's, so the
 * inserted code looks like the code around it (2 spaces, 4 spaces or a tab).
 */
export function indentUnit(source: string, statement: Node): string {
  const own = lineIndentAt(source, statement.startIndex);
  const container = statement.parent;
  const outer = container ? lineIndentAt(source, container.startIndex) : '';
  if (own.startsWith(outer) && own.length > outer.length) return own.slice(outer.length);
  return own.includes('\t') ? '\t' : '  ';
}

/** Lines inserted before a statement that starts its own line, at its indentation. */
export function insertBefore(source: string, statement: Node, lines: readonly string[]): TextEdit | null {
  const indent = lineIndentAt(source, statement.startIndex);
  const lineStart = source.lastIndexOf('\n', statement.startIndex - 1) + 1;
  // A statement sharing its line with earlier code: inserting at its column would need re-indenting; not done.
  if (source.slice(lineStart, statement.startIndex).trim() !== '') return null;
  const newline = source.includes('\r\n') ? '\r\n' : '\n';
  const text = lines.map((line) => `${line}${newline}${indent}`).join('');
  return { start: statement.startIndex, end: statement.startIndex, text };
}

/** `if (<condition>) {` / exit / `}` as lines for `insertBefore`. */
export function guardLines(source: string, statement: Node, condition: string, exit: string): string[] {
  return [`if (${condition}) {`, `${indentUnit(source, statement)}${exit}`, '}'];
}

/** A Java string literal for a message built from source text (identifiers and code), escaped. */
export function javaString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}
