import ts from 'typescript';

/**
 * Offset of a 1-based line and column in the file, or `undefined` when the line does not exist. A `null` column (the
 * frame did not say) means the first non-blank character of the line; a column past the end of the line is clamped to
 * the line's end, as source-mapped columns sometimes are.
 */
export function positionAt(sourceFile: ts.SourceFile, line: number, column: number | null): number | undefined {
  const lineStarts = sourceFile.getLineStarts();
  if (!Number.isInteger(line) || line < 1 || line > lineStarts.length) return undefined;
  const lineStart = lineStarts[line - 1]!;
  const nextLineStart = lineStarts[line] ?? sourceFile.text.length + 1;
  const lineEnd = Math.max(lineStart, nextLineStart - 1);
  if (column === null) {
    const firstNonBlank = /\S/.exec(sourceFile.text.slice(lineStart, lineEnd));
    return firstNonBlank ? lineStart + firstNonBlank.index : lineStart;
  }
  if (!Number.isInteger(column) || column < 1) return undefined;
  return Math.min(lineStart + column - 1, lineEnd);
}

/**
 * The innermost node whose text (leading trivia excluded) contains the 1-based `line`:`column`. V8 columns point at
 * the property name of `obj.prop`, at the callee name of a call and at the operator of a binary expression; a column
 * that falls on whitespace between children yields their parent. The tree must have parent pointers
 * (`ts.createSourceFile(..., setParentNodes = true)`) for callers that walk upwards.
 */
export function locateNode(sourceFile: ts.SourceFile, line: number, column: number | null): ts.Node | undefined {
  const position = positionAt(sourceFile, line, column);
  return position === undefined ? undefined : nodeAtPosition(sourceFile, position);
}

export function nodeAtPosition(sourceFile: ts.SourceFile, position: number): ts.Node {
  let node: ts.Node = sourceFile;
  for (;;) {
    const child: ts.Node | undefined = ts.forEachChild(node, (candidate) =>
      candidate.getStart(sourceFile) <= position && position < candidate.getEnd() ? candidate : undefined,
    );
    if (child === undefined) return node;
    node = child;
  }
}

/** 1-based line of a position. */
export function lineOf(sourceFile: ts.SourceFile, position: number): number {
  return sourceFile.getLineAndCharacterOfPosition(position).line + 1;
}
