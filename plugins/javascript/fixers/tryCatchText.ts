import ts from 'typescript';
import { indentationAt, indentUnitOf, newlineOf } from './textEdits.ts';

/** Lines of a try/catch replacing one statement, before indentation. */
export interface TryCatchLines {
  /** Lines before `try {` (e.g. `let x;`). */
  before: string[];
  /** Body of the try block: source text, possibly several lines. */
  tryBody: string[];
  /** Empty for `catch {` (the body does not use the error). */
  catchParameter: string;
  catchBody: string[];
}

/**
 * Text of a try/catch placed where `statement` starts, indented like it. Continuation lines of source text moved into
 * the try block get one more level of indentation, unless a template literal spans them (that would change a string).
 */
export function tryCatchText(sourceFile: ts.SourceFile, statement: ts.Statement, lines: TryCatchLines): string {
  const text = sourceFile.text;
  const indent = indentationAt(text, statement.getStart(sourceFile));
  const unit = indentUnitOf(text);
  const newline = newlineOf(text);
  const keepLayout = spansMultilineTemplate(statement);
  // Continuation lines keep their own indentation and get one more level; blank lines stay blank.
  const nested = (body: string): string =>
    unit + (keepLayout ? body : body.replace(/(\r?\n)(?=[^\r\n])/g, `$1${unit}`));
  const all = [
    ...lines.before,
    'try {',
    ...lines.tryBody.map(nested),
    lines.catchParameter === '' ? '} catch {' : `} catch (${lines.catchParameter}) {`,
    ...lines.catchBody.map((line) => unit + line),
    '}',
  ];
  return all.join(newline + indent);
}

function spansMultilineTemplate(node: ts.Node): boolean {
  let found = false;
  const visit = (child: ts.Node): void => {
    if (found) return;
    if ((ts.isTemplateExpression(child) || ts.isNoSubstitutionTemplateLiteral(child)) && /\n/.test(child.getText())) {
      found = true;
      return;
    }
    ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}
