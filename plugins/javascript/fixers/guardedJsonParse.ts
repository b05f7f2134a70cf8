import ts from 'typescript';
import type { FixContext, Fixer, FixProposal } from '../../../core/patch/candidate.ts';
import { describeExpression, stringLiteral } from './describeExpression.ts';
import { hasEffectsBefore, isEvaluatedOnceBy, isPureExpression, usesNamesDeclaredBy } from './evaluationOrder.ts';
import { candidatesAtSite, type FixSite, openFixSite } from './fixSite.ts';
import { freshName } from './freshName.ts';
import { messagePrefixFor } from './guardExits.ts';
import { buildProposal, distinctProposals } from './proposalBuilder.ts';
import { canInsertBefore, enclosingFunction, enclosingStatement, outermostWrapperOf } from './syntaxQueries.ts';
import { indentationAt, insertAt, newlineOf, replaceNode, type TextEdit } from './textEdits.ts';
import { tryCatchText } from './tryCatchText.ts';
import { acceptsUndefined } from './typeDefaults.ts';

export const GUARDED_JSON_PARSE = 'guarded-json-parse';

/**
 * The `JSON.parse(...)` on the frame's line (V8 reports the parse itself as a native frame, so the innermost in-app
 * frame is its caller) is put in a try/catch: invalid input then fails with an error naming what was parsed, the
 * SyntaxError kept as `cause`; or, where the declared type allows it, yields `undefined`/`null`.
 */
export const guardedJsonParseFixer: Fixer = {
  strategy: GUARDED_JSON_PARSE,
  propose(ctx: FixContext): FixProposal[] {
    const site = openFixSite(ctx);
    if (site === null) return [];
    const call = candidatesAtSite(site, isJsonParseCall, (node) => [node.expression.name.getStart(site.sourceFile)])[0];
    if (call === undefined) return [];
    const plan = planFor(site, call);
    if (plan === null) return [];
    const argument = call.arguments[0];
    const what = (argument && describeExpression(argument)) ?? 'the input';
    const message = `${messagePrefixFor(enclosingFunction(plan.statement))}${what} is not valid JSON`;
    // Only JSON.parse throws SyntaxError at run time; anything else evaluated in the try block is passed on as it was.
    const onlyParseInTry = plan.onlyParseInTry && call.arguments.every((arg) => isPureExpression(arg));
    const rethrow = [
      ...(onlyParseInTry ? [] : ['if (!(err instanceof SyntaxError)) throw err;']),
      `throw new Error(${stringLiteral(message)}, { cause: err });`,
    ];
    const proposals = [
      buildProposal(
        ctx,
        GUARDED_JSON_PARSE,
        `Parses ${what} in a try/catch and rethrows an Error saying it is not valid JSON, with the SyntaxError as its cause.`,
        plan.edits(rethrow),
      ),
    ];
    if (plan.fallback !== undefined) {
      proposals.push(
        buildProposal(
          ctx,
          GUARDED_JSON_PARSE,
          `Parses ${what} in a try/catch and ${plan.fallback.summary} when it is not valid JSON, as its declared type allows.`,
          plan.edits([
            ...(onlyParseInTry ? [] : ['if (!(err instanceof SyntaxError)) throw err;']),
            plan.fallback.statement,
          ]),
        ),
      );
    }
    return distinctProposals(proposals);
  },
};

function isJsonParseCall(node: ts.Node): node is ts.CallExpression & { expression: ts.PropertyAccessExpression } {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return false;
  const callee = node.expression;
  return ts.isIdentifier(callee.expression) && callee.expression.text === 'JSON' && callee.name.text === 'parse';
}

interface ParsePlan {
  statement: ts.Statement;
  /** Whether the try block evaluates nothing but the call (plus a plain assignment of its result). */
  onlyParseInTry: boolean;
  fallback?: { statement: string; summary: string };
  edits(catchBody: string[]): TextEdit[];
}

/**
 * Where the try/catch goes. The parse is the whole statement's value (`return JSON.parse(s)`, `x = JSON.parse(s)`):
 * the statement is wrapped. It initializes a variable: the declaration is split (`let x; try { x = ... }`). It sits
 * inside a larger expression: it is parsed first into a fresh variable, which the statement then reads.
 */
function planFor(site: FixSite, call: ts.CallExpression): ParsePlan | null {
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
    const annotation = declaration.type === undefined ? '' : `: ${declaration.type.getText(sourceFile)}`;
    const keyword =
      (statement as ts.VariableStatement).declarationList.flags & ts.NodeFlags.BlockScoped ? 'let' : 'var';
    const assignment = `${name} = ${value.getText(sourceFile)};`;
    const fallback = fallbackForDeclaration(declaration, checker, name);
    return {
      statement,
      onlyParseInTry: true,
      ...(fallback === undefined ? {} : { fallback }),
      edits: (catchBody) => [
        replaceNode(
          statement,
          sourceFile,
          tryCatchText(sourceFile, statement, {
            before: [`${keyword} ${name}${annotation};`],
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
    edits: (catchBody) => [
      insertAt(
        insertion,
        tryCatchText(sourceFile, statement, {
          before: [`let ${name};`],
          tryBody: [`${name} = ${value.getText(sourceFile)};`],
          catchParameter: catchParameterFor(catchBody),
          catchBody,
        }) + lineBreak,
      ),
      replaceNode(value, sourceFile, name),
    ],
  };
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
