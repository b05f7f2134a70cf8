import type { Node } from 'web-tree-sitter';
import { enclosingCallable, returnTypeOf } from './javaSyntax.ts';
import { javaString } from './textEdits.ts';

/** How a guard leaves the method when the bad value is there. */
export interface GuardExit {
  statement: string;
  /** For the proposal's description: "returns early", "throws IllegalArgumentException". */
  summary: string;
}

export interface ExitOptions {
  /** What is wrong, as code text: `customer is null`, `count is zero`. */
  problem: string;
  /**
   * The bad value comes from the method's parameters: the caller passed it, so IllegalArgumentException says who is
   * at fault; otherwise the object's state is, and IllegalStateException says so.
   */
  fromParameter: boolean;
  /** A Java expression from the source appended to the message (`" for " + region`), e.g. the missing key. */
  detail?: string;
}

/**
 * Exits for a guard at `node`: `return;` in a void method (the work is skipped), and always a clear exception that
 * names the problem. The exception type differs from the runtime's, so the original error no longer occurs and the
 * caller's handling (or the log) sees why.
 */
export function guardExitsFor(node: Node, options: ExitOptions): GuardExit[] {
  const callable = enclosingCallable(node);
  const method = callable?.type === 'method_declaration' ? (callable.childForFieldName('name')?.text ?? null) : null;
  const exception = options.fromParameter ? 'IllegalArgumentException' : 'IllegalStateException';
  const message = method === null ? options.problem : `${method}: ${options.problem}`;
  const exits: GuardExit[] = [];
  if (returnTypeOf(callable) === 'void') exits.push({ statement: 'return;', summary: 'returns early' });
  const text = options.detail === undefined ? javaString(message) : `${javaString(message)} + ${options.detail}`;
  exits.push({ statement: `throw new ${exception}(${text});`, summary: `throws ${exception}` });
  return exits;
}
