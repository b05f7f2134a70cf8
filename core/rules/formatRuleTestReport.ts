import type { RuleTestReport } from './ruleTester.ts';

/** Plain-text report for `homeostasis rules test`: counts, ReDoS verdicts by method, then each failure. */
export function formatRuleTestReport(report: RuleTestReport): string {
  const { counts } = report;
  const bySource = new Map<string, number>();
  for (const { verdict } of report.redos) {
    const key = `${verdict.status} by ${verdict.by}`;
    bySource.set(key, (bySource.get(key) ?? 0) + 1);
  }
  const lines = [
    `${counts.rules} rules in ${counts.files} file(s), ${counts.positiveExamples} positive and ` +
      `${counts.negativeExamples} negative examples`,
    `ReDoS: ${[...bySource].map(([key, n]) => `${n} ${key}`).join(', ') || 'no pattern checked'}`,
  ];
  if (report.passed) {
    lines.push('all checks passed');
    return lines.join('\n');
  }
  lines.push(`${counts.failures} failure(s) in ${counts.failingRules} rule(s):`);
  for (const failure of report.failures) {
    lines.push(`  ${failure.ruleId} (${failure.origin}) [${failure.check}] ${failure.reason}`);
  }
  return lines.join('\n');
}
