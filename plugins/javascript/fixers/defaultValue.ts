import ts from 'typescript';
import type { FixContext, Fixer, FixProposal } from '../../../core/patch/candidate.ts';
import { describeExpression, isPlainIdentifier } from './describeExpression.ts';
import { type FixSite, openFixSite } from './fixSite.ts';
import { findNullishRead, type MemberAccess, type NullishRead } from './nullishRead.ts';
import { nullishFallbackEdits, optionalChainEdits } from './optionalChainEdits.ts';
import { buildProposal, distinctProposals } from './proposalBuilder.ts';
import { chainTopOf, isAssignmentTarget, outermostWrapperOf, unwrapExpression } from './syntaxQueries.ts';
import { insertAt } from './textEdits.ts';
import { emptyValueOf } from './typeDefaults.ts';
import { valueNeedOf } from './valueNeed.ts';

export const DEFAULT_VALUE = 'default-value';

// Keys a lookup table conventionally keeps its fallback entry under.
const DEFAULT_KEYS = ['default', 'DEFAULT', 'fallback', 'FALLBACK', 'none', 'NONE'];

/**
 * A lookup that found nothing (`TABLE[key].prop`, `map.get(key).prop`, or a constant holding one) gets a default:
 * the table's own default entry when it has one (`(TABLE[key] ?? TABLE.default).prop`), and the empty value of the
 * read's type (`TABLE[key]?.prop ?? 0`). A destructured or iterated value that was missing gets an empty one:
 * `const { a } = x ?? { a: 0 }`, `for (const v of list ?? [])`, `Object.keys(x ?? {})`.
 */
export const defaultValueFixer: Fixer = {
  strategy: DEFAULT_VALUE,
  propose(ctx: FixContext): FixProposal[] {
    const site = openFixSite(ctx);
    if (site === null) return [];
    const read = findNullishRead(site);
    if (read === null) return [];
    if (read.kind !== 'member') return distinctProposals([emptyOperandProposal(site, read)]);
    if (isAssignmentTarget(read.access)) return [];
    const lookup = lookupBehind(site, unwrapExpression(read.receiver));
    if (lookup === undefined) return [];
    return distinctProposals([defaultEntryProposal(site, read.access, lookup), emptyValueProposal(site, read.access)]);
  },
};

/** The lookup expression whose result was missing: the receiver itself, or the initializer of the constant it names. */
function lookupBehind(site: FixSite, receiver: ts.Expression): ts.Expression | undefined {
  if (isLookup(receiver)) return receiver;
  if (!ts.isIdentifier(receiver)) return undefined;
  const declaration = site.checker.getSymbolAtLocation(receiver)?.valueDeclaration;
  if (declaration === undefined || !ts.isVariableDeclaration(declaration) || declaration.initializer === undefined) {
    return undefined;
  }
  const initializer = unwrapExpression(declaration.initializer);
  return isLookup(initializer) ? initializer : undefined;
}

function isLookup(node: ts.Expression): boolean {
  if (ts.isElementAccessExpression(node)) return true;
  return (
    ts.isCallExpression(node) &&
    ts.isPropertyAccessExpression(node.expression) &&
    (node.expression.name.text === 'get' || node.expression.name.text === 'find')
  );
}

function defaultEntryProposal(site: FixSite, access: MemberAccess, lookup: ts.Expression): FixProposal | null {
  if (!ts.isElementAccessExpression(lookup) || unwrapExpression(access.expression) !== lookup) return null;
  const table = unwrapExpression(lookup.expression);
  if (!ts.isIdentifier(table)) return null;
  const key = defaultKeyOf(site, table);
  if (key === undefined) return null;
  const { sourceFile } = site;
  const receiver = access.expression;
  const edits = [
    insertAt(receiver.getStart(sourceFile), '('),
    insertAt(receiver.getEnd(), ` ?? ${table.text}.${key})`),
  ];
  return buildProposal(
    site.ctx,
    DEFAULT_VALUE,
    `Falls back to the \`${table.text}.${key}\` entry when \`${table.text}\` has none for the key.`,
    edits,
  );
}

/** The default-like key of an object literal the table is declared with in this file. */
function defaultKeyOf(site: FixSite, table: ts.Identifier): string | undefined {
  const declaration = site.checker.getSymbolAtLocation(table)?.valueDeclaration;
  if (declaration === undefined || !ts.isVariableDeclaration(declaration) || declaration.initializer === undefined) {
    return undefined;
  }
  const literal = unwrapExpression(declaration.initializer);
  if (!ts.isObjectLiteralExpression(literal)) return undefined;
  const keys = new Set(
    literal.properties.flatMap((property) =>
      property.name !== undefined && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))
        ? [property.name.text]
        : [],
    ),
  );
  return DEFAULT_KEYS.find((key) => keys.has(key));
}

function emptyValueProposal(site: FixSite, access: MemberAccess): FixProposal | null {
  const chainEdits = optionalChainEdits(access, site.sourceFile);
  if (chainEdits === undefined) return null;
  const top = outermostWrapperOf(chainTopOf(access));
  const need = valueNeedOf(top, site.checker);
  const fallback =
    emptyValueOf(site.checker, site.checker.getTypeAtLocation(top)) ??
    (need.kind === 'needs-value' ? need.fallback : undefined);
  if (fallback === undefined) return null;
  const what = describeExpression(access.expression) ?? 'the lookup';
  return buildProposal(
    site.ctx,
    DEFAULT_VALUE,
    `Uses ${fallback}, the empty value of the result's type, when \`${what}\` finds nothing.`,
    [...chainEdits, ...nullishFallbackEdits(top, site.sourceFile, fallback)],
  );
}

/** `x ?? <empty>` for a value that was destructured, iterated or used as an object. */
function emptyOperandProposal(site: FixSite, read: Exclude<NullishRead, { kind: 'member' }>): FixProposal | null {
  const fallback =
    read.kind === 'destructure'
      ? emptyValueForPattern(site, read.declaration.name)
      : read.use === 'iterable'
        ? '[]'
        : '{}';
  if (fallback === undefined) return null;
  const what = describeExpression(read.receiver) ?? 'the value';
  return buildProposal(
    site.ctx,
    DEFAULT_VALUE,
    `Uses ${fallback} when \`${what}\` is undefined or null, so there is something to ${read.kind === 'destructure' ? 'destructure' : read.use === 'iterable' ? 'iterate' : 'inspect'}.`,
    nullishFallbackEdits(read.receiver, site.sourceFile, fallback),
  );
}

/**
 * `[]` for an array pattern. For an object pattern in untyped code `{}`; in TypeScript an object with each destructured
 * property at the empty value of its type (a property with a default gets `undefined`, so the default applies), or
 * `undefined` when some property has no empty value.
 */
function emptyValueForPattern(site: FixSite, pattern: ts.BindingName): string | undefined {
  if (ts.isArrayBindingPattern(pattern)) return '[]';
  if (!ts.isObjectBindingPattern(pattern)) return undefined;
  if (!site.typeChecked) return '{}';
  const entries: string[] = [];
  for (const element of pattern.elements) {
    if (element.dotDotDotToken !== undefined) continue;
    const key = element.propertyName ?? element.name;
    if (!ts.isIdentifier(key) || !isPlainIdentifier(key.text)) return undefined;
    const value =
      element.initializer !== undefined
        ? 'undefined'
        : emptyValueOf(site.checker, site.checker.getTypeAtLocation(element.name));
    if (value === undefined) return undefined;
    entries.push(`${key.text}: ${value}`);
  }
  return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
}
