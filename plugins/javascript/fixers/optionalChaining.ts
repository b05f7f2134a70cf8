import ts from 'typescript';
import type { FixContext, Fixer, FixProposal } from '../../../core/patch/candidate.ts';
import { describeExpression } from './describeExpression.ts';
import { openFixSite } from './fixSite.ts';
import { findNullishRead } from './nullishRead.ts';
import { nullishFallbackEdits, optionalChainEdits } from './optionalChainEdits.ts';
import { buildProposal, distinctProposals } from './proposalBuilder.ts';
import { chainTopOf, isAssignmentTarget, outermostWrapperOf } from './syntaxQueries.ts';
import { valueNeedOf } from './valueNeed.ts';

export const OPTIONAL_CHAINING = 'optional-chaining';

/**
 * `a.b.c` where `a.b` was `undefined` -> `a.b?.c`, where what the chain's value flows into copes with `undefined`;
 * `a.b?.c ?? 0` where it needs a value whose neutral element the syntax shows (see `valueNeedOf`); nothing otherwise.
 */
export const optionalChainingFixer: Fixer = {
  strategy: OPTIONAL_CHAINING,
  propose(ctx: FixContext): FixProposal[] {
    const site = openFixSite(ctx);
    if (site === null) return [];
    const read = findNullishRead(site);
    if (read === null || read.kind !== 'member') return [];
    const { access } = read;
    if (isAssignmentTarget(access)) return [];
    const chainEdits = optionalChainEdits(access, site.sourceFile);
    if (chainEdits === undefined) return [];
    const top = chainTopOf(access);
    const topParent = outermostWrapperOf(top).parent;
    // `new a?.B()` and a?.b`tpl` are syntax errors.
    if ((ts.isNewExpression(topParent) || ts.isTaggedTemplateExpression(topParent)) && !isArgumentOf(top, topParent)) {
      return [];
    }
    const receiver = describeExpression(access.expression) ?? 'the value';
    const need = valueNeedOf(top, site.checker);
    if (need.kind === 'unknown') return [];
    if (need.kind === 'accepts-undefined') {
      const description = `Reads through \`${receiver}\` only when it is defined (optional chaining); the expression yields undefined otherwise, which its use accepts.`;
      return distinctProposals([buildProposal(ctx, OPTIONAL_CHAINING, description, chainEdits)]);
    }
    const fallbackEdits = nullishFallbackEdits(outermostWrapperOf(top), site.sourceFile, need.fallback);
    const description = `Reads through \`${receiver}\` only when it is defined (optional chaining) and uses ${need.fallback} otherwise, the neutral value where the result is used.`;
    return distinctProposals([buildProposal(ctx, OPTIONAL_CHAINING, description, [...chainEdits, ...fallbackEdits])]);
  },
};

function isArgumentOf(node: ts.Expression, parent: ts.Node): boolean {
  return ts.isNewExpression(parent) && parent.arguments?.includes(node) === true;
}
