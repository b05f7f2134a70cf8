import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { JAVASCRIPT_FIX_STRATEGIES } from '../rules/strategies.ts';
import { javascriptFixers } from './index.ts';
import { locateNode, positionAt } from './locateNode.ts';

const text = `const order = { lines: [] };
function total(o) {
  return o.customer.discount + o.lines[3].price  /  o.count;
}
`;
const sourceFile = ts.createSourceFile('x.ts', text, ts.ScriptTarget.ES2022, true);

/** Column (1-based) of the `occurrence`-th `needle` on `line`. */
function columnOf(line: number, needle: string, occurrence = 1): number {
  const lineText = text.split('\n')[line - 1]!;
  let index = -1;
  for (let i = 0; i < occurrence; i++) index = lineText.indexOf(needle, index + 1);
  return index + 1;
}

describe('locateNode', () => {
  it('finds the property name V8 points at in a member read', () => {
    const node = locateNode(sourceFile, 3, columnOf(3, 'discount'))!;
    expect(ts.isIdentifier(node) && node.text).toBe('discount');
    expect(ts.isPropertyAccessExpression(node.parent) && node.parent.getText()).toBe('o.customer.discount');
  });

  it('finds the opening bracket of an element access as the access itself', () => {
    const node = locateNode(sourceFile, 3, columnOf(3, '['))!;
    expect(ts.isElementAccessExpression(node) && node.getText()).toBe('o.lines[3]');
  });

  it('gives the parent for a column on whitespace or an operator between children', () => {
    const onOperator = locateNode(sourceFile, 3, columnOf(3, '/'))!;
    expect(onOperator.kind).toBe(ts.SyntaxKind.SlashToken);
    expect(onOperator.parent.getText()).toBe('o.lines[3].price  /  o.count');
    const onSpace = locateNode(sourceFile, 3, columnOf(3, '/') - 1)!;
    expect(ts.isBinaryExpression(onSpace) && onSpace.getText()).toBe('o.lines[3].price  /  o.count');
  });

  it('takes the first non-blank character of the line when the column is unknown', () => {
    expect(locateNode(sourceFile, 3, null)!.kind).toBe(ts.SyntaxKind.ReturnStatement);
  });

  it('returns undefined off the file and clamps a column past the end of the line', () => {
    expect(locateNode(sourceFile, 0, 1)).toBeUndefined();
    expect(locateNode(sourceFile, 99, 1)).toBeUndefined();
    expect(locateNode(sourceFile, 2, 0)).toBeUndefined();
    expect(positionAt(sourceFile, 2, 500)).toBe(text.indexOf('\n', text.indexOf('function')));
  });
});

describe('javascriptFixers', () => {
  it('implements exactly the strategies the rules may name', () => {
    expect(javascriptFixers.map((fixer) => fixer.strategy).sort()).toEqual([...JAVASCRIPT_FIX_STRATEGIES].sort());
  });
});
