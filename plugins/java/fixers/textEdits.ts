import type { Node } from 'web-tree-sitter';
import type { FixContext, FixProposal } from '../../../core/patch/candidate.ts';
import { OverlappingEditsError } from './fixerError.ts';

/** Replace `[start, end)` of the source (UTF-16 offsets, as tree-sitter reports them here) with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export function replaceNode(node: Node, text: string): TextEdit {
  return { start: node.startIndex, end: node.endIndex, text };
}

/** Applies edits (any order, none overlapping) to the source, keeping every other character as it was. */
export function applyEdits(source: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) throw new OverlappingEditsError(`edits overlap at offset ${edit.start}`);
    out += source.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + source.slice(at);
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

export function buildProposal(
  ctx: FixContext,
  strategy: string,
  description: string,
  edits: readonly TextEdit[],
): FixProposal {
  return {
    strategy,
    description,
    edits: [{ path: ctx.target.path, before: ctx.source, after: applyEdits(ctx.source, edits) }],
  };
}

/** Proposals with the same resulting text are kept once (the first, most preferred). */
export function distinctProposals(proposals: readonly (FixProposal | null)[]): FixProposal[] {
  const seen = new Set<string>();
  const out: FixProposal[] = [];
  for (const proposal of proposals) {
    if (proposal === null) continue;
    const key = proposal.edits.map((e) => e.after).join('\u0000');
    if (proposal.edits.every((e) => e.after === e.before) || seen.has(key)) continue;
    seen.add(key);
    out.push(proposal);
  }
  return out;
}
