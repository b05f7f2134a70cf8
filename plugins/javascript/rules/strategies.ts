/**
 * Fix strategies of the JavaScript/TypeScript plugin. Rules name them in `fixStrategies` and the fixers in
 * `plugins/javascript/fixers/` implement them under the same names; `homeostasis rules test` fails a rule that names
 * any other.
 */
export const JAVASCRIPT_FIX_STRATEGIES = [
  'optional-chaining',
  'guard-early-return',
  'default-value',
  'guarded-json-parse',
  'zero-guard',
  'bounds-check',
  'rename-to-similar',
  'catch-and-log',
] as const;

export type JavascriptFixStrategy = (typeof JAVASCRIPT_FIX_STRATEGIES)[number];
