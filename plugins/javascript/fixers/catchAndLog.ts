import ts from 'typescript';
import type { FixContext, Fixer, FixProposal } from '../../../core/patch/candidate.ts';
import { describeExpression, stringLiteral } from './describeExpression.ts';
import { candidatesAtSite, type FixSite, openFixSite } from './fixSite.ts';
import { buildProposal, distinctProposals } from './proposalBuilder.ts';
import {
  canInsertBefore,
  enclosingFunction,
  type FunctionLike,
  outermostWrapperOf,
  unwrapExpression,
} from './syntaxQueries.ts';
import { indentationAt, indentUnitOf, insertAt, newlineOf, replaceNode, type TextEdit } from './textEdits.ts';
import { tryCatchText } from './tryCatchText.ts';

export const CATCH_AND_LOG = 'catch-and-log';

/**
 * An unhandled promise rejection: the stack runs from where the error was thrown out through the calls that passed
 * the promise on (returned or awaited it) to the one that dropped it, a call whose promise is an expression statement.
 * That call gets `.catch((err) => { console.error(...); })`. When V8 printed only async frames (the dropping call is
 * not in the stack), the calls of the outermost async function of the stack that drop its promise are used. An
 * awaited call in an expression statement on the way may instead be wrapped in try/catch with logging.
 */
export const catchAndLogFixer: Fixer = {
  strategy: CATCH_AND_LOG,
  propose(ctx: FixContext): FixProposal[] {
    const sites = [ctx.target, ...ctx.callers].flatMap((frame) => openFixSite(ctx, frame) ?? []);
    const trace = followRejection(sites);
    if (trace === null) return [];
    const outermost = sites.at(-1);
    const dropped =
      trace.dropped !== undefined
        ? [trace.dropped]
        : outermost === undefined
          ? []
          : droppedCallsOf(outermost, enclosingFunction(outermost.anchor));
    const site = sites[0];
    if (site === undefined) return [];
    const proposals: (FixProposal | null)[] = [];
    if (dropped.length > 0) {
      const names = dropped.map((call) => describeExpression(call.expression) ?? 'the call');
      proposals.push(
        buildProposal(
          ctx,
          CATCH_AND_LOG,
          `Handles the rejection of ${unique(names)
            .map((name) => `\`${name}\``)
            .join(', ')}, whose promise was dropped, by logging it with console.error.`,
          dropped.map((call) => catchEdit(site.sourceFile, call)),
        ),
      );
    }
    const outermostAwait = trace.awaited.at(-1);
    if (outermostAwait !== undefined) {
      const { statement: awaited, call } = outermostAwait;
      const name = describeExpression(call.expression) ?? 'the awaited call';
      proposals.push(
        buildProposal(
          ctx,
          CATCH_AND_LOG,
          `Wraps \`await ${name}\` in try/catch and logs its rejection with console.error instead of passing it on unhandled.`,
          [
            replaceNode(
              awaited,
              site.sourceFile,
              tryCatchText(site.sourceFile, awaited, {
                before: [],
                tryBody: [awaited.getText(site.sourceFile)],
                catchParameter: 'err',
                catchBody: [`console.error(${stringLiteral(`${name} failed:`)}, err);`],
              }),
            ),
          ],
        ),
      );
    }
    return distinctProposals(proposals);
  },
};

interface RejectionTrace {
  /** The call whose promise was dropped, when a frame points at it. */
  dropped?: ts.CallExpression;
  /** `await call();` statements the rejection went through, innermost first. */
  awaited: { statement: ts.ExpressionStatement; call: ts.CallExpression }[];
}

/** Walks the frames outwards while the promise is passed on; `null` once some frame handles or keeps it. */
function followRejection(sites: readonly FixSite[]): RejectionTrace | null {
  const awaited: RejectionTrace['awaited'] = [];
  for (const site of sites) {
    const call = callAtFrame(site);
    if (call === undefined) continue;
    const chain = promiseChainOf(call);
    if (chain === null) return null;
    const outer = outermostWrapperOf(chain);
    const parent = outer.parent;
    if (ts.isAwaitExpression(parent)) {
      const statement = outermostWrapperOf(parent).parent;
      if (ts.isExpressionStatement(statement) && canInsertBefore(statement)) awaited.push({ statement, call });
      continue;
    }
    if (ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === outer)) continue;
    if (isDropped(outer) && mayBePromise(site.checker, chain)) return { dropped: call, awaited };
    return null;
  }
  return { awaited };
}

/** The call a frame points at: V8 puts the column on the callee's name, or on `await` for an async frame. */
function callAtFrame(site: FixSite): ts.CallExpression | undefined {
  const { sourceFile } = site;
  const keyOf = (call: ts.CallExpression): number[] => {
    const callee = unwrapExpression(call.expression);
    const keys = [
      ts.isPropertyAccessExpression(callee) ? callee.name.getStart(sourceFile) : callee.getStart(sourceFile),
    ];
    const awaited = outermostWrapperOf(call).parent;
    if (ts.isAwaitExpression(awaited)) keys.push(awaited.getStart(sourceFile));
    return keys;
  };
  return candidatesAtSite(site, ts.isCallExpression, keyOf)[0];
}

/**
 * The end of `call.then(...).finally(...)`: where the promise goes on. `null` when the chain already handles
 * rejections (`.catch(...)`, `.then(ok, fail)`).
 */
function promiseChainOf(call: ts.CallExpression): ts.Expression | null {
  let current: ts.Expression = call;
  for (;;) {
    const access = outermostWrapperOf(current).parent;
    if (!ts.isPropertyAccessExpression(access) || !ts.isCallExpression(access.parent)) return current;
    const method = access.name.text;
    const next = access.parent;
    if (method === 'catch' || (method === 'then' && next.arguments.length >= 2)) return null;
    if (method !== 'then' && method !== 'finally') return current;
    current = next;
  }
}

/** A thenable, or a value of unknown type (untyped code): a call whose type is known not to be a promise cannot reject. */
function mayBePromise(checker: ts.TypeChecker, expression: ts.Expression): boolean {
  const type = checker.getNonNullableType(checker.getTypeAtLocation(expression));
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return true;
  return checker.getPropertyOfType(type, 'then') !== undefined;
}

/** Whether a promise-valued expression is thrown away: `call();` or `void call();`. */
function isDropped(expression: ts.Expression): boolean {
  const parent = expression.parent;
  if (ts.isExpressionStatement(parent)) return true;
  return ts.isVoidExpression(parent) && ts.isExpressionStatement(outermostWrapperOf(parent).parent);
}

/** Calls in this file of the async function `fn` whose promise is dropped. */
function droppedCallsOf(site: FixSite, fn: FunctionLike | undefined): ts.CallExpression[] {
  if (fn === undefined || !(ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async)) return [];
  const { checker, sourceFile } = site;
  const calls: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && declarationOfCallee(checker, node) === fn) {
      const chain = promiseChainOf(node);
      if (chain !== null && isDropped(outermostWrapperOf(chain))) calls.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return calls;
}

function declarationOfCallee(checker: ts.TypeChecker, call: ts.CallExpression): ts.Node | undefined {
  const callee = unwrapExpression(call.expression);
  const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
  const declaration = checker.getSymbolAtLocation(nameNode)?.valueDeclaration;
  if (declaration !== undefined && ts.isVariableDeclaration(declaration) && declaration.initializer !== undefined) {
    return unwrapExpression(declaration.initializer);
  }
  return declaration;
}

/** `.catch((err) => { console.error('name failed:', err); })` after the end of the call's promise chain. */
function catchEdit(sourceFile: ts.SourceFile, call: ts.CallExpression): TextEdit {
  const end = outermostWrapperOf(promiseChainOf(call) ?? call);
  const text = sourceFile.text;
  const indent = indentationAt(text, end.getStart(sourceFile));
  const newline = newlineOf(text);
  const name = describeExpression(call.expression) ?? 'the call';
  const log = `console.error(${stringLiteral(`${name} failed:`)}, err);`;
  return insertAt(end.getEnd(), `.catch((err) => {${newline}${indent}${indentUnitOf(text)}${log}${newline}${indent}})`);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
