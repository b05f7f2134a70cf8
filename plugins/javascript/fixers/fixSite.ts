import type ts from 'typescript';
import type { FixContext, FixTarget } from '../../../core/patch/candidate.ts';
import { analyzeFile } from './fileAnalysis.ts';
import { lineOf, nodeAtPosition, positionAt } from './locateNode.ts';
import { descendantsOf } from './syntaxQueries.ts';

/** The file a fixer works on, parsed and checked, with the frame's position in it. */
export interface FixSite {
  readonly ctx: FixContext;
  readonly sourceFile: ts.SourceFile;
  readonly checker: ts.TypeChecker;
  readonly typeChecked: boolean;
  /** 1-based line of the frame. */
  readonly line: number;
  /** Offset the frame points at (the first non-blank character of the line when the column is unknown). */
  readonly position: number;
  readonly columnKnown: boolean;
  /** The innermost node at `position`. */
  readonly anchor: ts.Node;
}

/** Opens `frame` (the target by default) in the target's file; `null` when the frame is elsewhere or off the file. */
export function openFixSite(ctx: FixContext, frame: FixTarget = ctx.target): FixSite | null {
  if (frame.path !== ctx.target.path) return null;
  const analysis = analyzeFile(ctx.target.path, ctx.source);
  const position = positionAt(analysis.sourceFile, frame.line, frame.column);
  if (position === undefined) return null;
  return {
    ctx,
    sourceFile: analysis.sourceFile,
    checker: analysis.checker,
    typeChecked: analysis.typeChecked,
    line: frame.line,
    position,
    columnKnown: frame.column !== null,
    anchor: nodeAtPosition(analysis.sourceFile, position),
  };
}

/**
 * Nodes a frame may mean, best first. A candidate qualifies when one of its key positions (where V8 puts the column
 * for it: a property name, an opening bracket, an operator) is on the frame's line. Order: a key position exactly at
 * the column; then candidates whose text contains the column, innermost first (source-mapped columns often point at
 * the start of the expression); then the rest by distance. `tieBreak` orders candidates that score the same.
 */
export function candidatesAtSite<T extends ts.Node>(
  site: FixSite,
  isCandidate: (node: ts.Node) => node is T,
  keyPositionsOf: (node: T) => number[],
  tieBreak: (node: T) => number = () => 0,
): T[] {
  const { sourceFile, position } = site;
  const scored: { node: T; rank: number; distance: number }[] = [];
  for (const node of descendantsOf(sourceFile)) {
    if (!isCandidate(node)) continue;
    const keys = keyPositionsOf(node).filter((key) => lineOf(sourceFile, key) === site.line);
    if (keys.length === 0) continue;
    const distance = Math.min(...keys.map((key) => Math.abs(key - position)));
    const contains = node.getStart(sourceFile) <= position && position < node.getEnd();
    const rank = distance === 0 && site.columnKnown ? 0 : contains ? 1 : 2;
    const span = node.getEnd() - node.getStart(sourceFile);
    scored.push({ node, rank, distance: rank === 1 ? span : distance });
  }
  scored.sort((a, b) => a.rank - b.rank || a.distance - b.distance || tieBreak(a.node) - tieBreak(b.node));
  return scored.map((entry) => entry.node);
}

/** A named capture of the rule, when present and non-empty. Only ever compared with node text, never inserted. */
export function captureOf(ctx: FixContext, name: string): string | undefined {
  const value = ctx.captures[name];
  return value === undefined || value === '' ? undefined : value;
}
