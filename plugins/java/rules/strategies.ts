/**
 * Fix strategies of the Java plugin. Rules name them in `fixStrategies` and the fixers in `plugins/java/fixers/`
 * implement them under the same names; `homeostasis rules test` fails a rule that names any other.
 */
export const JAVA_FIX_STRATEGIES = [
  'null-check',
  'map-get-or-default',
  'bounds-check',
  'guarded-parse-int',
  'zero-guard',
] as const;

export type JavaFixStrategy = (typeof JAVA_FIX_STRATEGIES)[number];
