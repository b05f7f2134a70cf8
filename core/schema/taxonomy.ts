/**
 * The fixed public taxonomy. Users filter and set policies by these names, so the spellings are a contract:
 * add to the end, never rename.
 */
export const CATEGORIES = [
  'null-reference',
  'missing-key',
  'index-out-of-range',
  'division-by-zero',
  'undefined-name',
  'type-mismatch',
  'invalid-conversion',
  'parse-error',
  'missing-dependency',
  'file-not-found',
  'permission-denied',
  'connection-error',
  'timeout',
  'resource-exhausted',
  'concurrency',
  'assertion',
  'unknown',
] as const;

export type Category = (typeof CATEGORIES)[number];

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}

export const LANGUAGES = [
  'javascript',
  'typescript',
  'python',
  'java',
  'go',
  'rust',
  'ruby',
  'php',
  'csharp',
  'unknown',
] as const;

export type Language = (typeof LANGUAGES)[number];

export const SEVERITIES = ['critical', 'error', 'warning'] as const;
export type Severity = (typeof SEVERITIES)[number];
