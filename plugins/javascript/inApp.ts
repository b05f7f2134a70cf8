/**
 * Whether a V8 frame's file is the application's own code. Dependencies (`node_modules`), Node's built-ins
 * (`node:fs`, `node:internal/...`, and the bare `internal/...` paths older Node versions print), and frames with no
 * source file (`<anonymous>`, `native`, `[eval]`) are not.
 */
export function isJavaScriptInApp(file: string): boolean {
  if (file.length === 0) return false;
  const first = file.charCodeAt(0);
  // `<anonymous>`, `<anonymous_script>`, `[eval]`, `[worker eval]`: code with no file the fixer could edit.
  if (first === 0x3c /* < */ || first === 0x5b /* [ */) return false;
  if (file === 'native' || file.startsWith('node:') || file.startsWith('internal/')) return false;
  return !file.includes('/node_modules/') && !file.includes('\\node_modules\\') && !file.startsWith('node_modules/');
}

/** The npm package a `node_modules` path belongs to (`express`, `@scope/pkg`), or `null` for other paths. */
export function javaScriptPackageOf(file: string): string | null {
  const marker = file.lastIndexOf('node_modules');
  if (marker === -1) return null;
  const rest = file.slice(marker + 'node_modules'.length + 1).replaceAll('\\', '/');
  const parts = rest.split('/');
  const head = parts[0];
  if (head === undefined || head.length === 0) return null;
  if (head.startsWith('@')) return parts[1] === undefined ? null : `${head}/${parts[1]}`;
  return head;
}
