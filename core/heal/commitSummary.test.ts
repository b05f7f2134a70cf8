import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SqliteHealingStore } from '../../embedded/sqliteHealingStore.ts';
import { createRegistry } from '../../plugins/index.ts';
import { makeCandidate } from '../patch/makeCandidate.ts';
import type { CandidateResult } from '../validate/ladder.ts';
import { HealingRecorder } from '../workflow/healingRecorder.ts';
import { commitSummary } from './commitSummary.ts';
import { scanLog } from './logScan.ts';

/** A real crash printed by node, scanned as `heal` scans a log. */
async function crashGroup() {
  const crash = spawnSync(process.execPath, ['-e', 'const codes = {}; codes["SPRING"].percent;'], { encoding: 'utf8' });
  expect(crash.stderr).toContain("reading 'percent'");
  const scan = await scanLog(crash.stderr.split('\n'), {
    registry: createRegistry(),
    service: 'orders',
    environment: 'prod',
  });
  const group = scan.groups[0];
  if (!group) throw new Error('no error group in the crash output');
  return group;
}

async function validatedHealing(risk: Record<string, unknown> | null) {
  const group = await crashGroup();
  const winner = makeCandidate(
    {
      strategy: 'optional-chaining',
      description: 'guard the read',
      edits: [{ path: 'src/x.js', before: 'a\n', after: 'b\n' }],
    },
    0,
  );
  const result: CandidateResult = {
    candidateId: winner.id,
    strategy: winner.strategy,
    passed: true,
    failedStep: null,
    durationMs: 900,
    steps: [
      {
        step: 'test',
        status: 'passed',
        durationMs: 800,
        command: 'npm test',
        exitCode: 0,
        timedOut: false,
        outputTail: '',
        detail: '3 passed',
      },
    ],
  };
  const store = new SqliteHealingStore(':memory:');
  const recorder = await HealingRecorder.open(store, 'healing-1', {
    fingerprint: group.fingerprint,
    service: 'orders',
    category: 'null-reference',
  });
  await recorder.record('detected', 'seen', { event: group.sample.event });
  await recorder.record('analyzed', 'classified', { analysis: group.sample.analysis });
  await recorder.record('candidates-generated', '1', { candidates: [winner] });
  await recorder.record('validation-started', 'validating');
  await recorder.record('candidate-result', 'passed', { result });
  await recorder.record('validated', 'passed', { winner: winner.id });
  if (risk) await recorder.record('risk-assessed', 'scored', risk);
  await recorder.record('approval-requested', 'waits');
  return commitSummary(recorder, group, winner);
}

describe('commitSummary', () => {
  it('explains the error, the rule, the strategy, the validation and the risk with its parts', async () => {
    const message = await validatedHealing({
      score: 45,
      tier: 'one-reviewer',
      reviewersRequired: 1,
      parts: [
        { name: 'diff-size', points: 5, detail: '2 changed lines' },
        { name: 'critical-path', points: 40, detail: 'src/x.js matches src/**' },
      ],
    });
    expect(message).toContain("Error: TypeError: Cannot read properties of undefined (reading 'percent')");
    expect(message).toMatch(/^Rule: js\./m);
    expect(message).toContain('Strategy: optional-chaining — guard the read');
    expect(message).toContain('  - test: passed (`npm test`, 800 ms) — 3 passed');
    expect(message).toContain(
      [
        'Risk: score 45, tier one-reviewer, 1 reviewer(s) required',
        '  - diff-size +5: 2 changed lines',
        '  - critical-path +40: src/x.js matches src/**',
      ].join('\n'),
    );
    expect(message.trimEnd().endsWith('Healing: healing-1')).toBe(true);
  });

  it('says the risk was not assessed when nothing scored it (a missing score is not a low one)', async () => {
    expect(await validatedHealing(null)).toContain('\nRisk: not assessed\n');
  });
});
