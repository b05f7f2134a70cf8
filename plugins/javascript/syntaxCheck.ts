import ts from 'typescript';
import type { SyntaxDiagnostic } from '../../core/plugin/languagePlugin.ts';

/** First rung of the ladder: does the patched file still parse? (Syntax only; types are the next rung.) */
export function checkJavaScriptSyntax(path: string, text: string): SyntaxDiagnostic[] {
  const result = ts.transpileModule(text, {
    fileName: path,
    reportDiagnostics: true,
    compilerOptions: { noEmit: true },
  });
  return (result.diagnostics ?? []).map((d) => ({
    path,
    line: d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0,
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  }));
}
