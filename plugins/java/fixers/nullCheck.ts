import type { Node } from 'web-tree-sitter';
import type { FixContext, Fixer, FixProposal } from '../../../core/patch/candidate.ts';
import { declarationOf, importsType, readsOnlyParameters } from './declarations.ts';
import {
  type Dereference,
  dereferencesOnLine,
  fitsAnonymousSlot,
  isAnonymousSlot,
  isNamedValue,
  unboxingUsesOnLine,
} from './dereferences.ts';
import { type FixSite, openFixSite } from './fixSite.ts';
import { guardExitsFor } from './guardExits.ts';
import {
  enclosingStatement,
  isConditionallyEvaluated,
  isRepeatable,
  namesDeclaredBy,
  namesRead,
} from './javaSyntax.ts';
import { mapGetsOnLine } from './mapLookup.ts';
import { buildProposal, distinctProposals, guardLines, insertBefore, replaceNode } from './textEdits.ts';
import { defaultFor } from './typeDefaults.ts';

export const NULL_CHECK = 'null-check';

/** At most this many null values on one line get proposals: more means the line is too ambiguous to guess. */
const MAX_VALUES = 2;

/**
 * Guards the dereference the frame points to. The value is the one the helpful NullPointerException names
 * (`because "customer" is null`), found on the frame's line by comparing expressions with the capture; without a
 * name (`<local3>`), the line's single dereferenced variable. Proposes, in order: a guard before the statement that
 * returns early (void methods) or throws a clear exception, and `Objects.requireNonNullElse(x, default)` where the
 * declared type gives a default. For `Map.get(..)` results (`the return value of "java.util.Map.get(Object)"`) the
 * guard tests the lookup itself.
 */
export const nullCheckFixer: Fixer = {
  strategy: NULL_CHECK,
  propose(ctx: FixContext): FixProposal[] {
    const site = openFixSite(ctx);
    if (site === null) return [];
    if (ctx.captures['mapType'] !== undefined) return mapLookupGuards(site);
    const variable = ctx.captures['variable'];
    if (variable === undefined) return [];
    const derefs = nullValues(site, variable);
    const texts = [...new Set(derefs.map((d) => d.value.text))];
    if (texts.length === 0 || texts.length > MAX_VALUES || (isAnonymousSlot(variable) && texts.length > 1)) return [];
    const proposals: (FixProposal | null)[] = [];
    for (const text of texts) {
      const first = derefs.find((d) => d.value.text === text)!;
      proposals.push(...guards(site, first, `${text} == null`, { problem: `${text} is null` }));
    }
    for (const text of texts) proposals.push(defaultInstead(site, derefs.find((d) => d.value.text === text)!));
    return distinctProposals(proposals);
  },
};

function nullValues(site: FixSite, variable: string): Dereference[] {
  const anonymous = isAnonymousSlot(variable);
  const matches = (value: Node): boolean =>
    isRepeatable(value) &&
    (anonymous ? value.type === 'identifier' && fitsAnonymousSlot(value, variable) : isNamedValue(value, variable));
  const derefs = dereferencesOnLine(site).filter((d) => matches(d.value));
  if (derefs.length > 0 || anonymous || site.ctx.captures['wrapper'] === undefined) return derefs;
  // `Cannot invoke "java.lang.Integer.intValue()" because "quantity" is null`: an unboxing, not a call in the source.
  return unboxingUsesOnLine(site, variable);
}

function guards(site: FixSite, deref: Dereference, condition: string, options: { problem: string; detail?: string }) {
  const statement = enclosingStatement(deref.at);
  if (statement === null || isConditionallyEvaluated(statement, deref.at)) return [];
  // The guard runs before the statement: it cannot test a name the statement itself declares.
  const declared = namesDeclaredBy(statement);
  if (namesRead(deref.value).some((name) => declared.has(name))) return [];
  const fromParameter = readsOnlyParameters(deref.value);
  return guardExitsFor(deref.at, { ...options, fromParameter }).map((exit) => {
    const edit = insertBefore(site.source, statement, guardLines(site.source, statement, condition, exit.statement));
    if (edit === null) return null;
    return buildProposal(
      site.ctx,
      NULL_CHECK,
      `Checks \`${condition.replace(/ == null$/, '')}\` for null before it is used and ${exit.summary} when it is.`,
      [edit],
    );
  });
}

/** `Objects.requireNonNullElse(x, default)` at the use, when x's declared type has an obvious neutral value. */
function defaultInstead(site: FixSite, deref: Dereference): FixProposal | null {
  // Only a name declared in this file's scope (`x`, `this.x`): the type of `other.x` is not known here.
  const ownField = deref.value.type === 'field_access' && deref.value.childForFieldName('object')?.type === 'this';
  const name =
    deref.value.type === 'identifier' ? deref.value : ownField ? deref.value.childForFieldName('field') : null;
  const declared = name === null ? null : declarationOf(name.text, deref.value);
  const fallback = defaultFor(declared?.type ?? null);
  if (fallback === null) return null;
  const objects = importsType(site.root, 'java.util.Objects') ? 'Objects' : 'java.util.Objects';
  return buildProposal(
    site.ctx,
    NULL_CHECK,
    `Uses ${fallback} when \`${deref.value.text}\` is null (\`Objects.requireNonNullElse\`).`,
    [replaceNode(deref.value, `${objects}.requireNonNullElse(${deref.value.text}, ${fallback})`)],
  );
}

/** `if (RATES.get(region) == null) throw ...` before the statement that uses the lookup's result. */
function mapLookupGuards(site: FixSite): FixProposal[] {
  const proposals: (FixProposal | null)[] = [];
  for (const get of mapGetsOnLine(site)) {
    if (!isRepeatable(get.receiver) || !isRepeatable(get.key)) continue;
    const problem = `${get.receiver.text} has no entry for `;
    const statement = enclosingStatement(get.call);
    if (statement === null || isConditionallyEvaluated(statement, get.call)) continue;
    const declared = namesDeclaredBy(statement);
    if ([...namesRead(get.receiver), ...namesRead(get.key)].some((name) => declared.has(name))) continue;
    const fromParameter = readsOnlyParameters(get.key);
    for (const exit of guardExitsFor(get.call, { problem, detail: get.key.text, fromParameter })) {
      const condition = `${get.call.text} == null`;
      const edit = insertBefore(site.source, statement, guardLines(site.source, statement, condition, exit.statement));
      if (edit === null) continue;
      proposals.push(
        buildProposal(
          site.ctx,
          NULL_CHECK,
          `Checks that \`${get.receiver.text}\` has an entry for \`${get.key.text}\` before using it and ${exit.summary} when not.`,
          [edit],
        ),
      );
    }
  }
  return distinctProposals(proposals);
}
