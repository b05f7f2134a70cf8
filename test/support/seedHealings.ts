import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrackRecordStore } from '../../core/approve/approvalTypes.ts';
import { decide } from '../../core/approve/decide.ts';
import { requestApproval } from '../../core/approve/requestApproval.ts';
import { riskPolicyFor } from '../../core/approve/riskPolicy.ts';
import { deliverProgressively } from '../../core/deliver/progressiveDelivery.ts';
import { HealingStoreObservation } from '../../core/deliver/progressiveObservation.ts';
import { progressivePolicy } from '../../core/deliver/progressivePlan.ts';
import { MemoryTarget } from '../../core/deliver/progressiveTestKit.ts';
import { checkVerification, DEFAULT_VERIFICATION_WINDOW_MS } from '../../core/deliver/verification.ts';
import { recordAnalysis, recordDetection } from '../../core/heal/healingStages.ts';
import { scanLog } from '../../core/heal/logScan.ts';
import { makeCandidate } from '../../core/patch/makeCandidate.ts';
import { InProcessPluginService } from '../../core/plugin/inProcessPluginService.ts';
import type { CandidateResult } from '../../core/validate/ladder.ts';
import { HealingRecorder } from '../../core/workflow/healingRecorder.ts';
import type { HealingStore } from '../../core/workflow/healingStore.ts';
import { createRegistry } from '../../plugins/index.ts';

const DEMO = join(import.meta.dirname, '../../examples/orders-service');

export interface SeededHealings {
  /** Validated, risk assessed for production, waiting for one reviewer. */
  awaiting: string;
  /** Validated and rejected by a reviewer. */
  rejected: string;
  /** All candidates failed validation. */
  failed: string;
  /** Just detected (the demo's second error). */
  detected: string;
  /** Approved by two reviewers, delivered in one 100 % step to an in-memory target, then verified. */
  verified: string;
}

/**
 * Healings for API and dashboard tests, recorded through the core: the events, occurrences and analyses come from
 * the demo's real crash log (examples/orders-service/logs/crash.log) and the rule engine; the candidate is the
 * optional-chaining patch of src/discounts.ts; validation results are written as the ladder writes them (running
 * the ladder here would add a minute and is covered by the heal tests).
 */
export async function seedHealings(store: HealingStore, trackRecords: TrackRecordStore): Promise<SeededHealings> {
  const registry = createRegistry();
  const plugins = new InProcessPluginService(registry);
  const lines = readFileSync(join(DEMO, 'logs/crash.log'), 'utf8').split('\n');
  const scan = await scanLog(lines, { registry, service: 'orders', environment: 'production' }, store);
  const [first, second] = [...scan.groups].sort((a, b) => b.count - a.count);
  if (!first || !second) throw new Error('the demo crash log holds fewer than two fingerprints');

  const source = readFileSync(join(DEMO, 'src/discounts.ts'), 'utf8');
  const fixed = source.replace(
    'DISCOUNTS[code.trim().toUpperCase()].percent',
    'DISCOUNTS[code.trim().toUpperCase()]?.percent ?? 0',
  );
  if (fixed === source) throw new Error('src/discounts.ts no longer has the line the seed patches');
  const candidate = makeCandidate(
    {
      strategy: 'optional-chaining',
      description: 'reads percent only when the discount code exists, else 0',
      edits: [{ path: 'src/discounts.ts', before: source, after: fixed }],
    },
    0,
  );

  const open = async (id: string, group: typeof first) => {
    const recorder = await HealingRecorder.open(store, id, {
      fingerprint: group.fingerprint,
      service: group.sample.event.service,
      category: group.sample.event.category,
    });
    await recordDetection(recorder, group.sample, group.count);
    return recorder;
  };
  const validate = async (recorder: HealingRecorder, passed: boolean) => {
    await recordAnalysis(recorder, plugins);
    await recorder.record('candidates-generated', '1 candidate(s)', { candidates: [candidate] });
    await recorder.record('validation-started', 'validating 1 candidate(s)', { testCommand: 'npm test' });
    const result = ladderResult(candidate.id, candidate.strategy, passed);
    await recorder.record('candidate-result', `${result.strategy}: ${passed ? 'passed' : 'failed'}`, { result });
    if (!passed) return recorder.record('validation-failed', 'all 1 candidate(s) failed validation');
    await recorder.record('validated', `${candidate.strategy} passed every step`, { winner: candidate.id });
    // The orders team marks pricing code critical; with the rule's record that asks for a person in production.
    const policy = riskPolicyFor('production');
    return requestApproval(recorder, {
      policy: { ...policy, criticalPaths: [...policy.criticalPaths, 'src/discounts.ts'] },
      trackRecords,
    });
  };

  // The rule's earlier patches were refused and rolled back: its track record raises the risk above the auto tiers.
  const ruleId = (await plugins.analyze(first.sample.event)).value.ruleId;
  if (ruleId === null) throw new Error('no rule matches the demo error');
  for (const outcome of ['rejected', 'rejected', 'rolled-back'] as const) {
    const note = { healingId: 'earlier', reason: 'guarded the wrong read', at: '2026-11-01T10:00:00.000Z' };
    await trackRecords.note(ruleId, outcome, outcome === 'rejected' ? note : undefined);
  }

  const awaiting = await open('heal-awaiting', first);
  await validate(awaiting, true);
  const rejected = await open('heal-rejected', first);
  await validate(rejected, true);
  await decide(
    rejected,
    { decision: 'reject', actor: 'bob', reason: 'prefer validating the code at the API edge' },
    {
      trackRecords,
    },
  );
  const failed = await open('heal-failed', first);
  await validate(failed, false);
  await open('heal-detected', second);
  const verified = await open('heal-verified', first);
  await validate(verified, true);
  await deliverAndVerify(verified, store, trackRecords);
  return {
    awaiting: awaiting.id,
    rejected: rejected.id,
    failed: failed.id,
    detected: 'heal-detected',
    verified: verified.id,
  };
}

/**
 * Takes a healing awaiting approval through the core's own steps: two approvals (decide), a progressive delivery
 * to an in-memory target (one 100 % step, as for a target that cannot split traffic), and a verification look
 * made one window after delivery (the crash log's occurrences are all older, so the fingerprint stayed silent).
 */
async function deliverAndVerify(recorder: HealingRecorder, store: HealingStore, trackRecords: TrackRecordStore) {
  for (const [actor, reason] of [
    ['alice', 'the guard matches the pricing rule'],
    ['carol', 'unknown codes are covered by the new test'],
  ] as const) {
    await decide(recorder, { decision: 'approve', actor, reason }, { trackRecords });
  }
  const target = new MemoryTarget(false);
  const observation = new HealingStoreObservation(store);
  await deliverProgressively(recorder, {
    target,
    observation,
    mayContinue: async () => ({ admitted: true }),
    policy: progressivePolicy({ steps: [{ weight: 100, bakeMs: 0 }] }),
    sleep: async () => {},
  });
  const windowMs = DEFAULT_VERIFICATION_WINDOW_MS;
  const later = () => new Date(Date.now() + windowMs);
  const outcome = await checkVerification(recorder, { target, observation, windowMs, pollMs: windowMs, now: later });
  if (outcome.outcome !== 'verified') throw new Error(`the seeded delivery was not verified: ${outcome.outcome}`);
}

function ladderResult(candidateId: string, strategy: string, passed: boolean): CandidateResult {
  const step = (name: 'syntax' | 'typecheck' | 'test' | 'reproduce', ok: boolean, ms: number) => ({
    step: name,
    status: ok ? ('passed' as const) : ('failed' as const),
    durationMs: ms,
    command: name === 'test' ? 'npm test' : name === 'typecheck' ? 'tsc --noEmit' : null,
    exitCode: ok ? 0 : 1,
    timedOut: false,
    outputTail: ok ? '' : '1 failing\n  applyDiscount returns 0 for an unknown code',
    detail: ok ? '' : 'the tests failed (exit code 1)',
  });
  const steps = passed
    ? [
        step('syntax', true, 12),
        step('typecheck', true, 2_100),
        step('test', true, 3_400),
        step('reproduce', true, 900),
      ]
    : [step('syntax', true, 12), step('typecheck', true, 2_050), step('test', false, 3_100)];
  return {
    candidateId,
    strategy,
    passed,
    failedStep: passed ? null : 'test',
    durationMs: steps.reduce((sum, s) => sum + s.durationMs, 0),
    steps,
  };
}
