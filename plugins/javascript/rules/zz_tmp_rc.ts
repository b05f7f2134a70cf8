import { checkSync } from 'recheck';
import { javascriptRules } from './javascriptRules.ts';
const t = performance.now();
let bad = 0;
for (const rule of javascriptRules.rules) { const r = checkSync(rule.pattern, 'u', { timeout: 10000 }); if (r.status !== 'safe') bad++; }
console.log(process.env.RECHECK_BACKEND, process.env.RECHECK_SYNC_BACKEND, 'total', Math.round(performance.now() - t), bad);
