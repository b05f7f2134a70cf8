import ts from 'typescript';
import type { FixContext, Fixer, FixProposal } from '../../../core/patch/candidate.ts';
import { describeExpression, stringLiteral } from './describeExpression.ts';
import { isPureExpression } from './evaluationOrder.ts';
import { candidatesAtSite, openFixSite } from './fixSite.ts';
import { messagePrefixFor } from './guardExits.ts';
import { planFor } from './jsonParsePlan.ts';
import { buildProposal, distinctProposals } from './proposalBuilder.ts';
import { enclosingFunction } from './syntaxQueries.ts';

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
    const propose = (description: string, catchBody: string[]): FixProposal | null =>
      buildProposal(ctx, GUARDED_JSON_PARSE, description, plan.edits(catchBody, false)) ??
      buildProposal(ctx, GUARDED_JSON_PARSE, description, plan.edits(catchBody, true));
    const proposals = [
      propose(
        `Parses ${what} in a try/catch and rethrows an Error saying it is not valid JSON, with the SyntaxError as its cause.`,
        rethrow,
      ),
    ];
    if (plan.fallback !== undefined) {
      proposals.push(
        propose(
          `Parses ${what} in a try/catch and ${plan.fallback.summary} when it is not valid JSON, as its declared type allows.`,
          [...(onlyParseInTry ? [] : ['if (!(err instanceof SyntaxError)) throw err;']), plan.fallback.statement],
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
