import type { Node } from 'web-tree-sitter';
import type { FixContext, Fixer, FixProposal } from '../../../core/patch/candidate.ts';
import { declarationOf, readsOnlyParameters } from './declarations.ts';
import { callName, type FixSite, nodesOnLine, openFixSite } from './fixSite.ts';
import {
  enclosingCallable,
  enclosingStatement,
  isConditionallyEvaluated,
  isRepeatable,
  returnTypeOf,
} from './javaSyntax.ts';
import { buildProposal, distinctProposals, indentUnit, javaString, lineIndentAt, replaceNode } from './textEdits.ts';
import { defaultFor } from './typeDefaults.ts';

export const GUARDED_PARSE_INT = 'guarded-parse-int';

/** `Integer.parseInt`-style calls that throw NumberFormatException, by class (as written, maybe `java.lang.`). */
const PARSERS: Readonly<Record<string, readonly string[]>> = {
  Integer: ['parseInt', 'valueOf', 'parseUnsignedInt'],
  Long: ['parseLong', 'valueOf', 'parseUnsignedLong'],
  Short: ['parseShort', 'valueOf'],
  Byte: ['parseByte', 'valueOf'],
  Double: ['parseDouble', 'valueOf'],
  Float: ['parseFloat', 'valueOf'],
};

/**
 * Wraps the number parse on the frame's line in `try { ... } catch (NumberFormatException e)`. The catch throws an
 * IllegalArgumentException that says which text was not a number (and keeps the cause), or, for a local variable
 * or a return value whose type has a neutral value, uses that value instead. A local declaration is split so the
 * variable stays in scope after the try.
 */
export const guardedParseIntFixer: Fixer = {
  strategy: GUARDED_PARSE_INT,
  propose(ctx: FixContext): FixProposal[] {
    const site = openFixSite(ctx);
    if (site === null) return [];
    const calls = nodesOnLine(site, ['method_invocation'], callName).filter(isNumberParse);
    if (calls.length !== 1) return [];
    const call = calls[0]!;
    const statement = enclosingStatement(call);
    if (statement === null || isConditionallyEvaluated(statement, call)) return [];
    const input = call.childForFieldName('arguments')!.namedChildren[0]!;
    const what = isRepeatable(input) ? input.text : null;
    const exception =
      what !== null && readsOnlyParameters(input) ? 'IllegalArgumentException' : 'IllegalStateException';
    const catchName = freeName(statement, ['e', 'invalid', 'notANumber']);
    if (catchName === null) return [];
    const message = what === null ? javaString('not a number') : `${javaString('not a number: ')} + ${what}`;
    const rethrow = `throw new ${exception}(${message}, ${catchName});`;
    const shape = { site, statement, catchName };
    const proposals: (FixProposal | null)[] = [];
    if (statement.type === 'local_variable_declaration') {
      proposals.push(splitDeclaration(shape, rethrow, `throws ${exception} naming the text`));
      const declared = statement.childrenForFieldName('declarator');
      const name = declared[0]?.childForFieldName('name')?.text;
      const fallback = defaultFor(statement.childForFieldName('type')?.text ?? null);
      const isFinal = name !== undefined && declarationOf(name, call)?.isFinal === true;
      if (fallback !== null && !isFinal && name !== undefined) {
        proposals.push(splitDeclaration(shape, `${name} = ${fallback};`, `uses ${fallback}`));
      }
    } else if (statement.type === 'return_statement' || statement.type === 'expression_statement') {
      proposals.push(wrap(shape, rethrow, `throws ${exception} naming the text`));
      const fallback = statement.type === 'return_statement' ? defaultFor(returnTypeOf(enclosingCallable(call))) : null;
      if (fallback !== null) proposals.push(wrap(shape, `return ${fallback};`, `returns ${fallback}`));
    }
    return distinctProposals(proposals);
  },
};

function isNumberParse(call: Node): boolean {
  const owner = call.childForFieldName('object')?.text.replace(/^java\.lang\./, '') ?? '';
  const name = call.childForFieldName('name')?.text ?? '';
  const args = call.childForFieldName('arguments');
  return (PARSERS[owner]?.includes(name) ?? false) && args !== null && args.namedChildCount >= 1;
}

interface Shape {
  site: FixSite;
  statement: Node;
  catchName: string;
}

/** `long cents = Long.parseLong(text);` -> `long cents;` + `try { cents = ...; } catch (...) { <onError> }`. */
function splitDeclaration(shape: Shape, onError: string, summary: string): FixProposal | null {
  const { site, statement } = shape;
  const declarators = statement.childrenForFieldName('declarator');
  const declarator = declarators[0];
  const name = declarator?.childForFieldName('name');
  const value = declarator?.childForFieldName('value');
  const type = statement.childForFieldName('type');
  if (declarators.length !== 1 || !declarator || !name || !value || !type || type.text === 'var') return null;
  if (declarator.childForFieldName('dimensions')) return null;
  const head = site.source.slice(statement.startIndex, declarator.startIndex);
  const body = `${name.text} = ${value.text};`;
  const text = `${head}${name.text};${tryCatch(shape, body, onError)}`;
  return buildProposal(
    site.ctx,
    GUARDED_PARSE_INT,
    `Parses \`${name.text}\` in a try block and ${summary} when it is not a number.`,
    [replaceNode(statement, text)],
  );
}

function wrap(shape: Shape, onError: string, summary: string): FixProposal {
  const { site, statement } = shape;
  const unit = indentUnit(site.source, statement);
  const body = statement.text.replace(/\n/g, `\n${unit}`);
  const text = tryCatch(shape, body, onError).replace(/^\r?\n[ \t]*/, '');
  return buildProposal(
    site.ctx,
    GUARDED_PARSE_INT,
    `Wraps the parse in a try block and ${summary} when it is not a number.`,
    [replaceNode(statement, text)],
  );
}

/** The try/catch text that follows the statement's own indentation (starting on a new line). */
function tryCatch(shape: Shape, body: string, onError: string): string {
  const { site, statement, catchName } = shape;
  const indent = lineIndentAt(site.source, statement.startIndex);
  const unit = indentUnit(site.source, statement);
  const nl = site.source.includes('\r\n') ? '\r\n' : '\n';
  return [
    '',
    `${indent}try {`,
    `${indent}${unit}${body}`,
    `${indent}} catch (NumberFormatException ${catchName}) {`,
    `${indent}${unit}${onError}`,
    `${indent}}`,
  ].join(nl);
}

/** A name for the caught exception that no variable in scope has. */
function freeName(statement: Node, choices: readonly string[]): string | null {
  const callable = enclosingCallable(statement);
  const text = callable?.text ?? statement.text;
  return choices.find((name) => !new RegExp(`\\b${name}\\b`).test(text)) ?? null;
}
