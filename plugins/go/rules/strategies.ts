/**
 * Fix strategies of the Go plugin. Rules name them in `fixStrategies` and the fixers in `plugins/go/fixers/`
 * implement them under the same names; `homeostasis rules test` fails a rule that names any other.
 */
export const GO_FIX_STRATEGIES = ['nil-check', 'map-ok-lookup', 'len-guard', 'mutex-guard', 'zero-guard'] as const;

export type GoFixStrategy = (typeof GO_FIX_STRATEGIES)[number];
