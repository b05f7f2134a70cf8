/** Neutral values per Java type, for fixes that substitute a default when a value is missing. */
const DEFAULTS: Readonly<Record<string, string>> = {
  int: '0',
  short: '0',
  byte: '0',
  long: '0L',
  float: '0.0f',
  double: '0.0',
  boolean: 'false',
  Integer: '0',
  Short: '(short) 0',
  Byte: '(byte) 0',
  Long: '0L',
  Float: '0.0f',
  Double: '0.0',
  Boolean: 'false',
  String: '""',
  CharSequence: '""',
  BigDecimal: 'BigDecimal.ZERO',
  BigInteger: 'BigInteger.ZERO',
};

/** Immutable empty collections by interface name: `List.of()` etc. need no import beyond the declared type's. */
const EMPTY_COLLECTIONS = new Set(['List', 'Set', 'Map', 'Collection']);

/**
 * A default for a declared type as written (`int`, `java.lang.Integer`, `List<String>`), or null when none is
 * obvious (application types, arrays, `char`). The text uses only the type's own name, which is in scope wherever
 * the type was written.
 */
export function defaultFor(type: string | null): string | null {
  if (type === null) return null;
  const trimmed = type.trim();
  if (trimmed.endsWith(']')) return null;
  const generic = /^([\w.]+)\s*</.exec(trimmed);
  const raw = generic?.[1] ?? trimmed;
  const simple = raw.slice(raw.lastIndexOf('.') + 1);
  if (EMPTY_COLLECTIONS.has(simple))
    return simple === 'Collection' ? `${raw.slice(0, -'Collection'.length)}List.of()` : `${raw}.of()`;
  if (generic) return null;
  const value = DEFAULTS[simple];
  if (value === undefined) return null;
  // A qualified `java.math.BigDecimal` type must keep its qualifier in the value too.
  return raw !== simple && value.startsWith(simple) ? `${raw}${value.slice(simple.length)}` : value;
}

/** The element type of an array type (`int[]` -> `int`), null otherwise. */
export function elementTypeOf(type: string | null): string | null {
  const match = type === null ? null : /^(.*)\[\s*\]$/.exec(type.trim());
  return match?.[1]?.trim() ?? null;
}

/** The type arguments of a generic type as written (`Map<String, List<Integer>>` -> [`String`, `List<Integer>`]). */
export function typeArgumentsOf(type: string | null): string[] {
  if (type === null) return [];
  const open = type.indexOf('<');
  if (open === -1 || !type.trimEnd().endsWith('>')) return [];
  const inner = type.slice(open + 1, type.lastIndexOf('>'));
  const args: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '<') depth++;
    else if (c === '>') depth--;
    else if (c === ',' && depth === 0) {
      args.push(inner.slice(start, i).trim());
      start = i + 1;
    }
  }
  args.push(inner.slice(start).trim());
  return args;
}
