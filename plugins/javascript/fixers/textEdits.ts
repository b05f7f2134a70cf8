import type ts from 'typescript';
import { OverlappingEditsError } from './fixerError.ts';

/** Replace `text[start, end)` with `newText`; an insertion has `start === end`. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** Splices edits into `text` by offset, so every byte outside them is kept as it was. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < ordered.length; i++) {
    const previous = ordered[i - 1]!;
    const current = ordered[i]!;
    // Two insertions at one offset are fine (kept in the order given); anything sharing characters is not.
    if (current.start < previous.end) throw new OverlappingEditsError(previous, current);
  }
  let result = '';
  let cursor = 0;
  for (const edit of ordered) {
    result += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return result + text.slice(cursor);
}

export function insertAt(position: number, newText: string): TextEdit {
  return { start: position, end: position, newText };
}

export function replaceNode(node: ts.Node, sourceFile: ts.SourceFile, newText: string): TextEdit {
  return { start: node.getStart(sourceFile), end: node.getEnd(), newText };
}

/** The file's line break, so inserted lines match the rest of the file. */
export function newlineOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Whitespace from the start of `position`'s line up to the first other character. */
export function indentationAt(text: string, position: number): string {
  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  const match = /^[ \t]*/.exec(text.slice(lineStart, position + 1));
  return match ? match[0] : '';
}

/** True when only whitespace precedes `position` on its line (the node starts its own line). */
export function startsLine(text: string, position: number): boolean {
  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  return /^[ \t]*$/.test(text.slice(lineStart, position));
}

/**
 * One level of indentation as the file writes it: a tab, or the smallest space indent found (2 when the file has no
 * indented line, the Biome/Prettier default).
 */
export function indentUnitOf(text: string): string {
  let smallest = Number.POSITIVE_INFINITY;
  // ` * ` lines continue block comments (JSDoc): their one space is alignment, not indentation.
  for (const match of text.matchAll(/^( +|\t+)[^\s*]/gm)) {
    const indent = match[1]!;
    if (indent.startsWith('\t')) return '\t';
    smallest = Math.min(smallest, indent.length);
  }
  return ' '.repeat(Number.isFinite(smallest) ? smallest : 2);
}
