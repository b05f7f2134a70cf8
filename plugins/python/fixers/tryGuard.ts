import type { Node } from 'web-tree-sitter';
import type { FixContext, FixProposal } from '../../../core/patch/candidate.ts';
import { distinct, guardSite, proposal, tryAround, withNodesOnTargetLine } from './fixSite.ts';

export interface TryGuardSpec {
  strategy: string;
  /** Whether a call on the target line is the one that raised. */
  isFailingCall(call: Node): boolean;
  /** The `except` clause's types for that call. */
  exceptTypes(call: Node): string;
  describe(call: Node, exit: string): string;
}

/**
 * Wraps the simple statement holding the failing call in `try:` / `except <types>:` / `<exit>` (the loop's
 * `continue` or the function's `return None`), once per way out.
 */
export function proposeTryGuard(ctx: FixContext, spec: TryGuardSpec): FixProposal[] {
  const built = withNodesOnTargetLine(ctx, ['call'], (calls) =>
    calls.flatMap((call) => {
      if (!spec.isFailingCall(call)) return [];
      const site = guardSite(ctx.source, call);
      if (!site) return [];
      return site.exits.map((exit) => {
        const edit = tryAround(ctx.source, site, spec.exceptTypes(call), exit);
        return edit ? proposal(ctx, spec.strategy, spec.describe(call, exit), [edit]) : null;
      });
    }),
  );
  return distinct(built);
}
