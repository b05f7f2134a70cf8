import type { Node } from 'web-tree-sitter';
import type { FixContext, Fixer } from '../../../core/patch/candidate.ts';
import { proposeTryGuard } from './tryGuard.ts';

/** Conversions this strategy guards, by the error type they raise on bad text. */
const DECIMAL_ERRORS = new Set(['decimal.InvalidOperation', 'InvalidOperation']);
const DECIMAL_CALLEES = new Set(['Decimal', 'decimal.Decimal']);

/**
 * `guarded-conversion`: the statement converting text with `int()`, `float()` or `Decimal()` is wrapped in
 * try/except, so bad input skips the item or returns None instead of raising. The rule's `function` capture
 * (`int`, `float`) picks the call; Decimal's error names no function and picks `Decimal(...)`.
 */
export const guardedConversionFixer: Fixer = {
  strategy: 'guarded-conversion',
  propose(ctx: FixContext) {
    const decimal = DECIMAL_ERRORS.has(ctx.errorType);
    const wanted = ctx.captures['function'];
    return proposeTryGuard(ctx, {
      strategy: 'guarded-conversion',
      isFailingCall: (call: Node) => {
        const callee = call.childForFieldName('function')?.text ?? '';
        return decimal ? DECIMAL_CALLEES.has(callee) : (callee === 'int' || callee === 'float') && callee === wanted;
      },
      // decimal.InvalidOperation is an ArithmeticError; naming the base class needs no import.
      exceptTypes: () => (decimal ? 'ArithmeticError' : 'ValueError'),
      describe: (call, exit) =>
        `Catch the conversion error of \`${call.text}\` on bad input (${exit}) instead of crashing.`,
    });
  },
};
