import { distance } from 'fastest-levenshtein';
import ts from 'typescript';
import type { FixContext, Fixer, FixProposal } from '../../../core/patch/candidate.ts';
import { isPlainIdentifier } from './describeExpression.ts';
import { candidatesAtSite, captureOf, type FixSite, openFixSite } from './fixSite.ts';
import { buildProposal, distinctProposals } from './proposalBuilder.ts';
import { enclosingFunction, isFunctionLike } from './syntaxQueries.ts';
import type { TextEdit } from './textEdits.ts';

export const RENAME_TO_SIMILAR = 'rename-to-similar';

// At most this many names are proposed; further ones are rarely the intended name and crowd the review.
const MAX_PROPOSALS = 3;

/** Edits allowed between the misspelling and a proposed name: 1 up to 4 characters, 2 up to 8, then 3. */
export function maxEditsFor(name: string): number {
  return name.length <= 4 ? 1 : name.length <= 8 ? 2 : 3;
}

/**
 * `ReferenceError: x is not defined`: the unresolved name at the frame is replaced by a name in scope there (locals,
 * parameters, imports, module-level declarations of this file) within a small edit distance, closest first. Every
 * unresolved use of the same spelling in the same function is renamed with it.
 */
export const renameToSimilarFixer: Fixer = {
  strategy: RENAME_TO_SIMILAR,
  propose(ctx: FixContext): FixProposal[] {
    const site = openFixSite(ctx);
    if (site === null) return [];
    const unresolved = (node: ts.Node): node is ts.Identifier => isUnresolvedReference(site, node);
    const candidates = candidatesAtSite(site, unresolved, (node) => [node.getStart(site.sourceFile)]);
    const reported = captureOf(ctx, 'name');
    const misspelled = reported === undefined ? candidates[0] : candidates.find((node) => node.text === reported);
    if (misspelled === undefined) return [];
    const uses = sameSpellingUses(site, misspelled);
    return distinctProposals(
      similarNamesInScope(site, misspelled)
        .slice(0, MAX_PROPOSALS)
        .map((name) =>
          buildProposal(
            ctx,
            RENAME_TO_SIMILAR,
            `Uses \`${name}\`, declared in this file and in scope, where the undefined \`${misspelled.text}\` was written (edit distance ${distance(name, misspelled.text)}).`,
            uses.map((use) => renameEdit(site.sourceFile, use, name)),
          ),
        ),
    );
  },
};

function isUnresolvedReference(site: FixSite, node: ts.Node): node is ts.Identifier {
  if (!ts.isIdentifier(node) || !isValuePosition(node)) return false;
  const parent = node.parent;
  const symbol = ts.isShorthandPropertyAssignment(parent)
    ? site.checker.getShorthandAssignmentValueSymbol(parent)
    : site.checker.getSymbolAtLocation(node);
  return symbol === undefined;
}

/** Identifiers that name a value being read (not a property name, a label, a type or a declaration). */
function isValuePosition(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if (ts.isQualifiedName(parent) || ts.isPartOfTypeNode(node)) return false;
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return false;
  if (ts.isMetaProperty(parent) || ts.isJsxAttribute(parent)) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isBindingElement(parent)) && parent.name === node) return false;
  if (ts.isBindingElement(parent) && parent.propertyName === node) return false;
  if (ts.isExportSpecifier(parent) || ts.isImportSpecifier(parent)) return false;
  return true;
}

/** Names declared in this file, visible at the misspelling, within `maxEditsFor` edits; closest first. */
function similarNamesInScope(site: FixSite, misspelled: ts.Identifier): string[] {
  const { checker, sourceFile } = site;
  const limit = maxEditsFor(misspelled.text);
  const scored = new Map<string, number>();
  for (const symbol of checker.getSymbolsInScope(misspelled, ts.SymbolFlags.Value | ts.SymbolFlags.Alias)) {
    const name = symbol.name;
    if (name === misspelled.text || !isPlainIdentifier(name) || scored.has(name)) continue;
    const declarations = symbol.declarations ?? [];
    if (!declarations.some((declaration) => declaration.getSourceFile() === sourceFile)) continue;
    if (declarations.some((declaration) => isNotYetInitialized(declaration, misspelled))) continue;
    const edits = distance(name, misspelled.text);
    if (edits <= limit && edits < misspelled.text.length) scored.set(name, edits);
  }
  return [...scored].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).map(([name]) => name);
}

/** A `let`/`const`/`class` declared later in the same function would throw `Cannot access ... before initialization`. */
function isNotYetInitialized(declaration: ts.Declaration, use: ts.Node): boolean {
  const blockScoped =
    ts.isClassDeclaration(declaration) ||
    (ts.isVariableDeclaration(declaration) && (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.BlockScoped) !== 0);
  return (
    blockScoped && declaration.getStart() > use.getStart() && enclosingFunction(declaration) === enclosingFunction(use)
  );
}

/** The misspelling and its other unresolved uses in the same function (or at top level), where they mean the same. */
function sameSpellingUses(site: FixSite, misspelled: ts.Identifier): ts.Identifier[] {
  const container: ts.Node = enclosingFunction(misspelled) ?? site.sourceFile;
  const uses: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (node !== container && isFunctionLike(node) && container === site.sourceFile) return;
    if (ts.isIdentifier(node) && node.text === misspelled.text && isUnresolvedReference(site, node)) uses.push(node);
    ts.forEachChild(node, visit);
  };
  visit(container);
  return uses.includes(misspelled) ? uses : [misspelled];
}

function renameEdit(sourceFile: ts.SourceFile, use: ts.Identifier, name: string): TextEdit {
  const start = use.getStart(sourceFile);
  // `{ totl }` means `{ totl: totl }`: keep the property name, fix the value.
  const newText = ts.isShorthandPropertyAssignment(use.parent) ? `${use.text}: ${name}` : name;
  return { start, end: use.getEnd(), newText };
}
