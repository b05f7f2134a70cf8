import type { Node, Tree } from 'web-tree-sitter';
import type { FixContext, FixProposal } from '../../../core/patch/candidate.ts';
import { descendants } from './goSyntax.ts';

/** One splice of the file: replace [start, end) (string indexes) by `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export class GoFixerError extends Error {
  override name = 'GoFixerError';
}

/**
 * Applies edits from the end of the file backwards, so earlier offsets stay valid; overlapping edits are a bug.
 * Insertions at the same offset keep their given order in the result (an `Unlock` after one statement, then a
 * `Lock` before the next).
 */
export function applyEdits(source: string, edits: readonly TextEdit[]): string {
  const sorted = edits
    .map((edit, order) => ({ ...edit, order }))
    .sort((a, b) => b.start - a.start || b.end - a.end || b.order - a.order);
  let out = source;
  let limit = Number.POSITIVE_INFINITY;
  for (const edit of sorted) {
    if (edit.end > limit) throw new GoFixerError(`edits overlap at ${edit.start}-${edit.end}`);
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
    limit = edit.start;
  }
  return out;
}

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

export function proposal(
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

/** Proposals with the same resulting text are one proposal. */
export function distinct(proposals: readonly (FixProposal | null)[]): FixProposal[] {
  const seen = new Set<string>();
  const out: FixProposal[] = [];
  for (const p of proposals) {
    if (p === null) continue;
    const key = p.edits.map((e) => e.after).join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}
