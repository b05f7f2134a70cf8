import pc from 'picocolors';
import { shortFingerprint } from '../../core/fingerprint/fingerprint.ts';
import type { HealOutcome } from '../../core/heal/healOutcome.ts';
import { colorDiff } from './diff.ts';

/** The human report of a healing, printed on stdout. */
export function renderHealReport(o: HealOutcome, delivery: { asked: boolean }): string {
  const lines: string[] = [];
  lines.push('');
  lines.push(`${pc.bold('Error')}      ${o.errorType}: ${o.message}`);
  lines.push(`${pc.bold('Seen')}       ${o.occurrences} time(s), fingerprint ${shortFingerprint(o.fingerprint)}`);
  lines.push(`${pc.bold('Category')}   ${o.category}`);
  if (o.target)
    lines.push(
      `${pc.bold('Where')}      ${o.target.path}:${o.target.line}${o.target.function ? ` in ${o.target.function}` : ''}`,
    );
  lines.push(`${pc.bold('Rule')}       ${o.rule.id ?? '(no rule matched)'}`);
  if (o.rule.rootCause) lines.push(`${pc.bold('Root cause')} ${o.rule.rootCause}`);
  if (o.candidates.length > 0) {
    lines.push('');
    lines.push(pc.bold('Candidates (each validated in its own sandbox):'));
    for (const c of o.candidates) {
      const mark = c.passed ? pc.green('pass') : pc.red('fail');
      const steps = c.steps
        .map((s) => `${s.step} ${s.status === 'passed' ? '✓' : s.status === 'skipped' ? '-' : '✗'}`)
        .join('  ');
      const winner = o.patch?.candidateId === c.id ? pc.bold(pc.green('  ← winner')) : '';
      lines.push(
        `  ${mark}  ${c.strategy.padEnd(20)} ${String(c.durationMs).padStart(6)} ms  ${pc.dim(steps)}${winner}`,
      );
      if (!c.passed && c.failedStep) {
        const step = c.steps.find((s) => s.step === c.failedStep);
        lines.push(pc.dim(`        ${c.failedStep}: ${step?.detail ?? ''}`));
      }
    }
  }
  if (o.patch) {
    lines.push('');
    lines.push(`${pc.bold('Patch')} (${o.patch.strategy}): ${o.patch.description}`);
    lines.push(colorDiff(o.patch.diff));
  }
  if (o.risk) {
    lines.push('');
    const reviewers = o.risk.reviewersRequired === 0 ? 'auto-approved' : `${o.risk.reviewersRequired} reviewer(s)`;
    lines.push(`${pc.bold('Risk')}       ${o.risk.score}/100, tier ${o.risk.tier} (${reviewers})`);
    for (const part of o.risk.parts.filter((p) => p.points !== 0)) {
      lines.push(pc.dim(`  +${String(part.points).padStart(2)}  ${part.name}: ${part.detail}`));
    }
  }
  lines.push('');
  if (o.status === 'healed' && o.delivery && o.delivery.kind !== 'delivered') {
    lines.push(pc.yellow(pc.bold('Validated, not delivered:')) + ` ${o.delivery.kind} — ${o.delivery.detail}.`);
    if (o.delivery.kind === 'waiting')
      lines.push(
        pc.dim(
          `Approve with: homeostasis approve ${o.healingId} --reason <why>; then run the same heal command again.`,
        ),
      );
  } else if (o.status === 'healed') {
    const where = o.delivered.length > 0 ? o.delivered.map((d) => d.detail).join('; ') : null;
    lines.push(pc.green(pc.bold(`Healed.`)) + (where ? ` ${where}.` : ''));
    if (!delivery.asked)
      lines.push(
        pc.dim(
          'The repository was not changed. Re-run with --apply to write the patch, or --branch to commit it on a branch.',
        ),
      );
  } else {
    lines.push(`${pc.red(pc.bold('Not healed:'))} ${o.reason}`);
  }
  if (o.otherErrors.length > 0) {
    lines.push('');
    lines.push(pc.dim('Other errors in the log (heal one with --fingerprint <prefix>):'));
    for (const e of o.otherErrors) {
      lines.push(
        pc.dim(
          `  ${shortFingerprint(e.fingerprint)}  ${String(e.count).padStart(4)}x  ${e.errorType}: ${truncate(e.message, 80)}`,
        ),
      );
    }
  }
  lines.push(pc.dim(`Healing ${o.healingId} (state: ${o.state})`));
  return `${lines.join('\n')}\n`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
