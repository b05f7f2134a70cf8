import ts from 'typescript';

/** Whether `undefined` may flow into a place of this type. No type (untyped JavaScript), `any` and `unknown` accept it. */
export function acceptsUndefined(checker: ts.TypeChecker, type: ts.Type | undefined): boolean {
  if (type === undefined) return true;
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Void | ts.TypeFlags.Undefined)) return true;
  return checker.isTypeAssignableTo(checker.getUndefinedType(), type);
}

/**
 * The empty value of a type, as source text: `0`, `0n`, `''`, `false`, `[]`. `undefined` when the type has no single
 * obvious empty value (objects, literal unions, enums, `any`).
 */
export function emptyValueOf(checker: ts.TypeChecker, type: ts.Type): string | undefined {
  const value = checker.getNonNullableType(type);
  const flags = value.flags;
  if (flags & ts.TypeFlags.Any || flags & ts.TypeFlags.Unknown) return undefined;
  if (flags === ts.TypeFlags.Number) return '0';
  if (flags === ts.TypeFlags.BigInt) return '0n';
  if (flags === ts.TypeFlags.String) return "''";
  if (flags & ts.TypeFlags.Boolean) return 'false';
  if (checker.isArrayType(value)) return '[]';
  return undefined;
}

export function isBigIntType(type: ts.Type): boolean {
  return (type.flags & ts.TypeFlags.BigIntLike) !== 0;
}

export function isNumberType(type: ts.Type): boolean {
  return (type.flags & ts.TypeFlags.NumberLike) !== 0;
}

export function isStringType(type: ts.Type): boolean {
  return (type.flags & ts.TypeFlags.StringLike) !== 0;
}
