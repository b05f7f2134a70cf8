import { formatRuleTestReport } from '../../../core/rules/formatRuleTestReport.ts';
import { testRules } from '../../../core/rules/ruleTester.ts';
import { javascriptRules } from './javascriptRules.ts';
import { JAVASCRIPT_FIX_STRATEGIES } from './strategies.ts';
const t = performance.now();
const report = testRules([javascriptRules], { knownStrategies: new Set(JAVASCRIPT_FIX_STRATEGIES) });
console.log(formatRuleTestReport(report));
console.log('ms', Math.round(performance.now() - t));
for (const r of report.redos) if (r.verdict.status !== 'safe' || r.verdict.by !== 'recheck' || r.verdict.complexity !== 'linear') console.log(r.ruleId, JSON.stringify(r.verdict));
