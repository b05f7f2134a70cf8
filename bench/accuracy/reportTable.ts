import { computeFingerprint } from '../../core/fingerprint/fingerprint.ts';
import type { AccuracyReport, EventOutcome, LanguageScore, Ratio } from './scorer.ts';

/** The goals of the language-breadth issue, printed next to the figures. */
export const GOALS = { categoryAccuracy: 0.95, topFrameAccuracy: 0.95, fingerprintF1: 0.95, cleanFalsePositives: 0 };

function pct(r: Ratio): string {
  return `${(r.rate * 100).toFixed(1)}% (${r.hit}/${r.total})`;
}

function row(s: LanguageScore): string {
  const fp = s.fingerprint;
  return [
    s.language,
    pct(s.detection),
    `${s.cleanFalsePositives} / ${s.unmatchedFalsePositives}`,
    pct(s.languageAccuracy),
    pct(s.errorTypeAccuracy),
    pct(s.categoryAccuracy),
    pct(s.topFrameAccuracy),
    `${fp.precision.toFixed(3)} / ${fp.recall.toFixed(3)} / ${fp.f1.toFixed(3)}`,
  ].join(' | ');
}

/** Which goals a score misses, in words; empty when it meets them all. */
export function missedGoals(s: LanguageScore): string[] {
  const missed: string[] = [];
  if (s.categoryAccuracy.rate < GOALS.categoryAccuracy) missed.push('category accuracy');
  if (s.topFrameAccuracy.rate < GOALS.topFrameAccuracy) missed.push('top-frame accuracy');
  if (s.fingerprint.f1 < GOALS.fingerprintF1) missed.push('fingerprint F1');
  if (s.cleanFalsePositives > GOALS.cleanFalsePositives) missed.push('clean-log false positives');
  return missed;
}

/** A Markdown table, one row per language and one for all, with the goals and whether each row meets them. */
export function formatAccuracyTable(report: AccuracyReport): string {
  const header = [
    'language',
    'detection recall',
    'FP clean / unmatched',
    'language acc.',
    'error type acc.',
    'category acc.',
    'top in-app frame acc.',
    'fingerprint P / R / F1',
    'goals',
  ];
  const goal = ['goal', '', '0 / -', '', '', '>= 95%', '>= 95%', 'F1 >= 0.95', ''];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, `| ${goal.join(' | ')} |`];
  for (const s of [...report.perLanguage, report.overall]) {
    const missed = missedGoals(s);
    lines.push(`| ${row(s)} | ${missed.length === 0 ? 'met' : `missed: ${missed.join(', ')}`} |`);
  }
  return lines.join('\n');
}

/** Each wrong or missing answer, one line each, so a missed goal can be traced to its events. */
export function formatMistakes(report: AccuracyReport): string[] {
  const lines: string[] = [];
  for (const m of report.missed) lines.push(`missed: ${m.log} ${m.chunk.bug?.id} (${m.chunk.variant})`);
  for (const o of report.outcomes) {
    if (o.kind !== 'matched') {
      lines.push(`${o.kind}: ${o.log} ${o.event.errorType}: ${o.event.message.slice(0, 80)}`);
      continue;
    }
    const wrong = Object.entries(o.checks ?? {})
      .filter(([, okay]) => !okay)
      .map(([k]) => k);
    if (wrong.length === 0) continue;
    const e = o.event;
    lines.push(
      `wrong ${wrong.join(',')}: ${o.bug?.id} (${o.variant}) got ${e.language} ${e.errorType} ${e.category} ${o.topFrame}`,
    );
  }
  const byBug = new Map<string, EventOutcome[]>();
  for (const o of report.outcomes) {
    if (o.kind !== 'matched' || !o.bug) continue;
    byBug.set(o.bug.id, [...(byBug.get(o.bug.id) ?? []), o]);
  }
  for (const [bug, events] of byBug) {
    const groups = new Map<string, EventOutcome[]>();
    for (const o of events) groups.set(o.event.fingerprint, [...(groups.get(o.event.fingerprint) ?? []), o]);
    if (groups.size < 2) continue;
    lines.push(`split: ${bug} has ${groups.size} fingerprints`);
    for (const [fp, members] of groups) {
      const first = members[0] as EventOutcome;
      const frames = computeFingerprint(first.event).parts.frames.join(' < ');
      const variants = [...new Set(members.map((m) => m.variant))].join(', ');
      lines.push(`  ${fp.slice(0, 12)} frames [${frames}] from: ${variants}`);
    }
  }
  return lines;
}
