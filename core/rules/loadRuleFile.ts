import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { RuleFileInvalidError } from './ruleErrors.ts';
import { type RuleFile, RuleFileSchema } from './ruleSchema.ts';

/**
 * Validates a parsed rule file. On failure the error names the file and the first rule at fault (by id when the
 * rule has a readable one, else by position), with every schema issue as `rules[3].pattern: <problem>`.
 */
export function loadRuleFile(json: unknown, origin = 'rule file'): RuleFile {
  const result = RuleFileSchema.safeParse(json);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => describeIssue(json, issue));
  const firstRule = result.error.issues.map((issue) => ruleLabel(json, issue.path)).find((label) => label !== null);
  throw new RuleFileInvalidError(origin, firstRule ?? null, issues);
}

/** Reads and validates a rule file from disk. */
export function readRuleFile(path: string): RuleFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RuleFileInvalidError(path, null, [`cannot be read as JSON: ${reason}`], { cause: error });
  }
  return loadRuleFile(json, path);
}

function describeIssue(json: unknown, issue: z.core.$ZodIssue): string {
  const where = issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
  const label = ruleLabel(json, issue.path);
  return `${label ? `rule ${label}: ` : ''}${where.replace(/^\./, '') || '(root)'}: ${issue.message}`;
}

/** The id of the rule an issue path points into (`rules[3]...`), or `#3` when that rule has no string id. */
function ruleLabel(json: unknown, path: readonly PropertyKey[]): string | null {
  if (path[0] !== 'rules' || typeof path[1] !== 'number') return null;
  const rules = (json as { rules?: unknown } | null)?.rules;
  const rule = Array.isArray(rules) ? (rules[path[1]] as { id?: unknown } | undefined) : undefined;
  return typeof rule?.id === 'string' && rule.id.length > 0 ? JSON.stringify(rule.id) : `#${path[1]}`;
}
