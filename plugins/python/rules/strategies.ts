/**
 * Fix strategies of the Python plugin. Rules name them in `fixStrategies` and the fixers in `plugins/python/fixers/`
 * implement them under the same names; `homeostasis rules test` fails a rule that names any other.
 */
export const PYTHON_FIX_STRATEGIES = [
  'none-guard',
  'dict-get',
  'bounds-check',
  'zero-division-guard',
  'guarded-conversion',
  'guarded-json-loads',
  'missing-import',
] as const;

export type PythonFixStrategy = (typeof PYTHON_FIX_STRATEGIES)[number];
