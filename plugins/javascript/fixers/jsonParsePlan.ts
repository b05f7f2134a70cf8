import ts from 'typescript';
import { hasEffectsBefore, isEvaluatedOnceBy, usesNamesDeclaredBy } from './evaluationOrder.ts';
import type { FixSite } from './fixSite.ts';
import { freshName } from './freshName.ts';
import { canInsertBefore, enclosingFunction, enclosingStatement, outermostWrapperOf } from './syntaxQueries.ts';
import { indentationAt, insertAt, newlineOf, replaceNode, type TextEdit } from './textEdits.ts';
import { tryCatchText } from './tryCatchText.ts';
import { acceptsUndefined } from './typeDefaults.ts';

export interface ParsePlan {
  statement: ts.Statement;
  /** Whether the try block evaluates nothing but the call (plus a plain assignment of its result). */
  onlyParseInTry: boolean;
  fallback?: { statement: string; summary: string };
  /**
   * The edits for a catch block. `typed` declares a new variable with the parsed value's type spelled out, for
   * TypeScript files where `let x;` followed by an assignment is not enough (a closure reads `x`: TS7034).
   */
  edits(catchBody: string[], typed: boolean): TextEdit[];
}

/**
 * Where the try/catch goes. The parse is the whole statement's value (`return JSON.parse(s)`, `x = JSON.parse(s)`):
 * the statement is wrapped. It initializes a variable: the declaration is split (`let x; try { x = ... }`). It sits
 * inside a larger expression: it is parsed first into a fresh variable, which the statement then reads.
 */
export function planFor(site: FixSite, call: ts.CallExpression): ParsePlan | null {
  const statement = enclosingStatement(call);
  if (statement === undefined) return null;
  const { sourceFile, checker } = site;
  const value = outermostWrapperOf(call);
  const wrap = (lines: string[], catchBody: string[]): TextEdit[] => [
    replaceNode(
      statement,
      sourceFile,
      tryCatchText(sourceFile, statement, {
        before: [],
        tryBody: lines,
        catchParameter: catchParameterFor(catchBody),
        catchBody,
      }),
    ),
  ];
  if (ts.isReturnStatement(statement) && statement.expression === value) {
    const fn = enclosingFunction(statement);
    return {
      statement,
      onlyParseInTry: true,
      ...fallbackForReturn(fn, checker),
      edits: (catchBody) => wrap([statement.getText(sourceFile)], catchBody),
    };
  }
  if (ts.isExpressionStatement(statement) && isResultOfStatement(statement, value)) {
    const assigned = statement.expression;
    const plainTarget = !ts.isBinaryExpression(assigned) || ts.isIdentifier(assigned.left);
    return {
      statement,
      onlyParseInTry: plainTarget,
      edits: (catchBody) => wrap([statement.getText(sourceFile)], catchBody),
    };
  }
  const declaration = soleDeclarationOf(statement);
  if (declaration !== undefined && declaration.initializer === value && ts.isIdentifier(declaration.name)) {
    const name = declaration.name.text;
    const declared = declaration.type === undefined ? undefined : declaration.type.getText(sourceFile);
    const keyword =
      (statement as ts.VariableStatement).declarationList.flags & ts.NodeFlags.BlockScoped ? 'let' : 'var';
    const assignment = `${name} = ${value.getText(sourceFile)};`;
    const fallback = fallbackForDeclaration(declaration, checker, name);
    return {
      statement,
      onlyParseInTry: true,
      ...(fallback === undefined ? {} : { fallback }),
      edits: (catchBody, typed) => [
        replaceNode(
          statement,
          sourceFile,
          tryCatchText(sourceFile, statement, {
            before: [`${keyword} ${name}${annotationFor(site, value, typed, declared)};`],
            tryBody: [assignment],
            catchParameter: catchParameterFor(catchBody),
            catchBody,
          }),
        ),
      ],
    };
  }
  if (!canInsertBefore(statement) || !isEvaluatedOnceBy(statement, value) || hasEffectsBefore(statement, value))
    return null;
  if (usesNamesDeclaredBy(statement, value)) return null;
  const argument = call.arguments[0];
  const base =
    argument && ts.isIdentifier(argument)
      ? `parsed${argument.text[0]!.toUpperCase()}${argument.text.slice(1)}`
      : 'parsed';
  const name = freshName(sourceFile, base);
  const insertion = statement.getStart(sourceFile);
  const lineBreak = newlineOf(sourceFile.text) + indentationAt(sourceFile.text, insertion);
  return {
    statement,
    onlyParseInTry: true,
    edits: (catchBody, typed) => [
      insertAt(
        insertion,
        tryCatchText(sourceFile, statement, {
          before: [`let ${name}${annotationFor(site, value, typed)};`],
          tryBody: [`${name} = ${value.getText(sourceFile)};`],
          catchParameter: catchParameterFor(catchBody),
          catchBody,
        }) + lineBreak,
      ),
      replaceNode(value, sourceFile, name),
    ],
  };
}

/** `: T` for a new variable: the declared type, or when `typed`, the parsed value's type if it can be spelled here. */
function annotationFor(site: FixSite, value: ts.Expression, typed: boolean, declared?: string): string {
  if (declared !== undefined) return `: ${declared}`;
  if (!typed || !site.typeChecked) return '';
  const text = site.checker.typeToString(
    site.checker.getTypeAtLocation(value),
    undefined,
    ts.TypeFormatFlags.NoTruncation,
  );
  // `import("...").T` names a type this file does not import: leave such a variable untyped.
  return text.includes('import(') ? '' : `: ${text}`;
}

function catchParameterFor(catchBody: readonly string[]): string {
  return catchBody.some((line) => /\berr\b/.test(line)) ? 'err' : '';
}

/** `JSON.parse(s);` or `target = JSON.parse(s);` */
function isResultOfStatement(statement: ts.ExpressionStatement, value: ts.Expression): boolean {
  const expression = statement.expression;
  if (expression === value) return true;
  return (
    ts.isBinaryExpression(expression) &&
    expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    expression.right === value
  );
}

function soleDeclarationOf(statement: ts.Statement): ts.VariableDeclaration | undefined {
  if (!ts.isVariableStatement(statement) || statement.modifiers !== undefined) return undefined;
  const { declarations } = statement.declarationList;
  return declarations.length === 1 && canInsertBefore(statement) ? declarations[0] : undefined;
}

function fallbackForReturn(
  fn: ReturnType<typeof enclosingFunction>,
  checker: ts.TypeChecker,
): { fallback?: { statement: string; summary: string } } {
  if (fn?.type === undefined) return {};
  let type = checker.getTypeFromTypeNode(fn.type);
  if (ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) type = checker.getAwaitedType(type) ?? type;
  const members = type.isUnion() ? type.types : [type];
  if (members.some((member) => member.flags & ts.TypeFlags.Null)) {
    return { fallback: { statement: 'return null;', summary: 'returns null' } };
  }
  if (members.some((member) => member.flags & ts.TypeFlags.Undefined)) {
    return { fallback: { statement: 'return undefined;', summary: 'returns undefined' } };
  }
  return {};
}

function fallbackForDeclaration(
  declaration: ts.VariableDeclaration,
  checker: ts.TypeChecker,
  name: string,
): { statement: string; summary: string } | undefined {
  if (declaration.type === undefined) return undefined;
  const type = checker.getTypeFromTypeNode(declaration.type);
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return undefined;
  const members = type.isUnion() ? type.types : [type];
  if (members.some((member) => member.flags & ts.TypeFlags.Null)) {
    return { statement: `${name} = null;`, summary: `sets ${name} to null` };
  }
  if (acceptsUndefined(checker, type))
    return { statement: `${name} = undefined;`, summary: `sets ${name} to undefined` };
  return undefined;
}
