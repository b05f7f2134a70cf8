import ts from 'typescript';
import { isPlainIdentifier, stringLiteral } from './describeExpression.ts';
import { type FunctionLike, functionNameOf } from './syntaxQueries.ts';

/** How a guard leaves when its condition holds: a statement and a phrase for the proposal's description. */
export interface GuardExit {
  statement: string;
  summary: string;
}

export interface GuardFailure {
  errorClass: 'Error' | 'RangeError';
  /** Built from identifiers of the source and fixed words only. */
  message: string;
}

/**
 * The ways a guard placed in `fn` can leave early: the returns its return type makes obvious (`return;` for void,
 * `return undefined`/`null` when the type allows them, `[]` for arrays, `false` for booleans, and the one parameter
 * of the return type unchanged, e.g. the price for a price transform), then always a throw of a clear error.
 */
export function guardExitsFor(
  fn: FunctionLike | undefined,
  checker: ts.TypeChecker,
  failure: GuardFailure,
): GuardExit[] {
  const throwExit: GuardExit = {
    statement: `throw new ${failure.errorClass}(${stringLiteral(failure.message)});`,
    summary: `throws ${failure.errorClass === 'Error' ? 'an' : 'a'} ${failure.errorClass} that says what is wrong`,
  };
  return fn === undefined ? [throwExit] : [...returnExits(fn, checker), throwExit];
}

/** `fnName: ` for messages, empty at top level or for functions the source does not name. */
export function messagePrefixFor(fn: FunctionLike | undefined): string {
  const name = fn === undefined ? undefined : functionNameOf(fn);
  return name?.split(' ').every(isPlainIdentifier) ? `${name}: ` : '';
}

function returnExits(fn: FunctionLike, checker: ts.TypeChecker): GuardExit[] {
  const early: GuardExit = { statement: 'return;', summary: 'returns early' };
  if (ts.isConstructorDeclaration(fn) || ts.isSetAccessorDeclaration(fn)) return [early];
  if (fn.asteriskToken !== undefined) return [early];
  const signature = checker.getSignatureFromDeclaration(fn);
  if (signature === undefined) return [];
  let type = checker.getReturnTypeOfSignature(signature);
  if (ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) type = checker.getAwaitedType(type) ?? type;
  if (type.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined)) return [early];
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return [];
  const exits: GuardExit[] = [];
  const members = type.isUnion() ? type.types : [type];
  if (members.some((member) => member.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void))) {
    exits.push({ statement: 'return undefined;', summary: 'returns undefined, which the return type allows' });
  } else if (members.some((member) => member.flags & ts.TypeFlags.Null)) {
    exits.push({ statement: 'return null;', summary: 'returns null, which the return type allows' });
  }
  const value = checker.getNonNullableType(type);
  if (checker.isArrayType(value)) exits.push({ statement: 'return [];', summary: 'returns an empty array' });
  else if (value.flags & ts.TypeFlags.Boolean) exits.push({ statement: 'return false;', summary: 'returns false' });
  else if (value.flags === ts.TypeFlags.Number || value.flags === ts.TypeFlags.String) {
    const passThrough = parameterOfType(fn, checker, value);
    if (passThrough !== undefined) {
      exits.push({ statement: `return ${passThrough};`, summary: `returns \`${passThrough}\` unchanged` });
    }
  }
  return exits;
}

/** The only parameter declared with exactly the return type, if there is exactly one. */
function parameterOfType(fn: FunctionLike, checker: ts.TypeChecker, type: ts.Type): string | undefined {
  const matching = fn.parameters.filter(
    (parameter) =>
      ts.isIdentifier(parameter.name) &&
      parameter.type !== undefined &&
      parameter.questionToken === undefined &&
      checker.getTypeFromTypeNode(parameter.type) === type,
  );
  const only = matching.length === 1 ? matching[0]!.name : undefined;
  return only !== undefined && ts.isIdentifier(only) ? only.text : undefined;
}
