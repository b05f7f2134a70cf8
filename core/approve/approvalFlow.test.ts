import { describe, expect, it } from 'vitest';
import { SqliteHealingStore } from '../../embedded/sqliteHealingStore.ts';
import { HealingRecorder } from '../workflow/healingRecorder.ts';
import { ConcurrentAppendError } from '../workflow/healingStore.ts';
import { approvalStatus } from './approvalStatus.ts';
import { AssessmentError, DecisionError } from './approvalTypes.ts';
import { decide } from './decide.ts';
import { MemoryTrackRecords } from './memoryTrackRecords.ts';
import { requestApproval } from './requestApproval.ts';
import { riskPolicyFor } from './riskPolicy.ts';
import { addLinesEdit, validatedHealing } from './testing/validatedHealing.ts';

const dev = riskPolicyFor('development');
const small = [addLinesEdit('src/orders.js', 2)];

async function setup(options: Parameters<typeof validatedHealing>[2], policy = dev) {
  const store = new SqliteHealingStore(':memory:');
  const trackRecords = new MemoryTrackRecords();
  const recorder = await validatedHealing(store, 'h1', options);
  return { store, trackRecords, recorder, deps: { policy, trackRecords } };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DecisionError);
  return (error as DecisionError).code;
}

describe('requestApproval', () => {
  it('auto-approves a small guard in development and records the score with its parts', async () => {
    const { recorder, deps } = await setup({ edits: small });
    const risk = await requestApproval(recorder, deps);
    expect(risk.tier).toBe('auto');
    expect(risk.score).toBe(risk.parts.reduce((s, p) => s + p.points, 0));
    expect(recorder.events.slice(-3).map((e) => [e.type, e.actor])).toEqual([
      ['risk-assessed', 'homeostasis'],
      ['approval-requested', 'homeostasis'],
      ['approved', 'homeostasis'],
    ]);
    expect(recorder.events.at(-1)?.reason).toBe(`risk ${risk.score} ≤ 20: auto-approved`);
    expect(recorder.events.at(-1)?.data).toMatchObject({ notify: false });
    expect(recorder.events.at(-3)?.data).toMatchObject({ score: risk.score, tier: 'auto', reviewersRequired: 0 });
    const status = approvalStatus(recorder.events);
    expect(status).toMatchObject({ tier: 'auto', required: 0, approved: true, rejected: false, risk });
  });

  it('is idempotent: a repeat, also from a freshly opened recorder, records nothing and returns the stored risk', async () => {
    const { store, recorder, deps } = await setup({ edits: small });
    const first = await requestApproval(recorder, deps);
    const count = recorder.events.length;
    expect(await requestApproval(recorder, deps)).toEqual(first);
    const reopened = await HealingRecorder.open(store, 'h1', recorder.meta);
    // Even a different policy does not re-assess: the recorded assessment is the healing's.
    expect(await requestApproval(reopened, { ...deps, policy: riskPolicyFor('production') })).toEqual(first);
    expect((await store.events('h1')).length).toBe(count);
  });

  it('lets two concurrent callers agree on one request', async () => {
    const { store, recorder, deps } = await setup({ edits: small });
    const other = await HealingRecorder.open(store, 'h1', recorder.meta);
    // The loser of a race may see ConcurrentAppendError (the recorder retries once); a retry is idempotent.
    const settled = await Promise.allSettled([requestApproval(recorder, deps), requestApproval(other, deps)]);
    for (const r of settled) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConcurrentAppendError);
    const again = await requestApproval(await HealingRecorder.open(store, 'h1', recorder.meta), deps);
    for (const r of settled) if (r.status === 'fulfilled') expect(r.value).toEqual(again);
    const events = await store.events('h1');
    expect(events.filter((e) => e.type === 'approval-requested')).toHaveLength(1);
    expect(approvalStatus(events).approvals).toHaveLength(1);
  });

  it('auto-approves with notify: true in the 21–40 tier', async () => {
    // 60 added lines = 15 points; + category 3 + neutral track record 10 = 28.
    const { recorder, deps } = await setup({ edits: [addLinesEdit('src/orders.js', 60)] });
    const risk = await requestApproval(recorder, deps);
    expect(risk).toMatchObject({ score: 28, tier: 'auto-notify', reviewersRequired: 0 });
    expect(recorder.events.at(-1)).toMatchObject({ type: 'approved', data: { notify: true } });
    expect(recorder.events.at(-1)?.reason).toBe('risk 28 ≤ 40: auto-approved (notify)');
  });

  it('asks a reviewer for a change to a critical path and does not approve it', async () => {
    const { recorder, deps } = await setup({ edits: [addLinesEdit('src/auth/session.js', 2)] });
    const risk = await requestApproval(recorder, deps);
    expect(risk.tier).toBe('one-reviewer');
    expect(risk.parts.find((p) => p.name === 'critical-path')?.detail).toBe('touches src/auth/session.js');
    expect(recorder.state).toBe('awaiting-approval');
    expect(approvalStatus(recorder.events)).toMatchObject({ approved: false, required: 1, approvals: [] });
  });

  it('refuses a healing that is not validated', async () => {
    const store = new SqliteHealingStore(':memory:');
    const recorder = await HealingRecorder.open(store, 'h2', { fingerprint: 'f', service: 's', category: 'unknown' });
    await recorder.record('detected', 'seen');
    const deps = { policy: dev, trackRecords: new MemoryTrackRecords() };
    await expect(requestApproval(recorder, deps)).rejects.toBeInstanceOf(AssessmentError);
  });
});

describe('decide', () => {
  it('approves with one reviewer, refuses the same actor twice and notes the acceptance', async () => {
    const { recorder, deps, trackRecords } = await setup({ edits: [addLinesEdit('src/auth/session.js', 2)] });
    await requestApproval(recorder, deps);
    const status = await decide(recorder, { decision: 'approve', actor: 'alice', reason: 'guard is right' }, deps);
    expect(status).toMatchObject({ approved: true, approvals: [{ actor: 'alice', reason: 'guard is right' }] });
    expect(recorder.events.at(-1)).toMatchObject({ type: 'approved', actor: 'alice' });
    expect(await codeOf(decide(recorder, { decision: 'approve', actor: 'alice', reason: 'again' }, deps))).toBe(
      'already-approved',
    );
    expect(await trackRecords.get('js-null-read')).toMatchObject({ accepted: 1, rejected: 0 });
  });

  it('needs two distinct reviewers in the 61–80 tier', async () => {
    // Critical path 30 + 40 lines (10) + category 3 + track 10 + production 8 = 61: in production 55 < 61 ≤ 75.
    const { recorder, deps } = await setup(
      { edits: [addLinesEdit('src/payments/charge.js', 40)] },
      riskPolicyFor('production'),
    );
    const risk = await requestApproval(recorder, deps);
    expect(risk).toMatchObject({ score: 61, tier: 'two-reviewers', reviewersRequired: 2 });
    const first = await decide(recorder, { decision: 'approve', actor: 'alice', reason: 'ok' }, deps);
    expect(first.approved).toBe(false);
    const second = await decide(recorder, { decision: 'approve', actor: 'bob', reason: 'ok' }, deps);
    expect(second).toMatchObject({ approved: true, required: 2 });
    expect(second.approvals.map((a) => a.actor)).toEqual(['alice', 'bob']);
  });

  it('reserves the completing approval of a security review for the security role', async () => {
    const secretEdit = {
      path: 'src/auth/keys.js',
      before: 'export const key = process.env.KEY;\n',
      after: "export const key = 'AKIAIOSFODNN7EXAMPLE';\n",
    };
    const { recorder, deps } = await setup({ edits: [secretEdit] });
    const risk = await requestApproval(recorder, deps);
    expect(risk.tier).toBe('security-review');
    await decide(recorder, { decision: 'approve', actor: 'alice', reason: 'fine by me' }, deps);
    expect(await codeOf(decide(recorder, { decision: 'approve', actor: 'bob', reason: 'ok' }, deps))).toBe(
      'security-role-required',
    );
    const status = await decide(
      recorder,
      { decision: 'approve', actor: 'carol', reason: 'key is a test fixture', roles: ['security'] },
      deps,
    );
    expect(status).toMatchObject({ approved: true, required: 2 });
    expect(recorder.events.at(-1)?.data).toEqual({ roles: ['security'] });
  });

  it('accepts a security approval first and a reviewer second', async () => {
    const secretEdit = { path: 'src/auth/keys.js', before: 'a\n', after: "a\nconst key = 'AKIAIOSFODNN7EXAMPLE';\n" };
    const { recorder, deps } = await setup({ edits: [secretEdit] });
    await requestApproval(recorder, deps);
    const first = await decide(
      recorder,
      { decision: 'approve', actor: 'sam', reason: 'ok', roles: ['security'] },
      deps,
    );
    expect(first.approved).toBe(false);
    expect((await decide(recorder, { decision: 'approve', actor: 'bob', reason: 'ok' }, deps)).approved).toBe(true);
  });

  it('lets a person veto an auto-approved patch before delivery starts', async () => {
    const { recorder, deps, trackRecords } = await setup({ edits: small });
    await requestApproval(recorder, deps);
    expect(approvalStatus(recorder.events).approved).toBe(true);
    const status = await decide(recorder, { decision: 'reject', actor: 'alice', reason: 'not this week' }, deps);
    expect(status).toMatchObject({ approved: false, rejected: true, tier: 'auto' });
    expect((await trackRecords.get('js-null-read')).rejected).toBe(1);
  });

  it('rejects with a reason, feeds the track record and raises the next assessment of the rule', async () => {
    const { store, recorder, deps, trackRecords } = await setup({ edits: [addLinesEdit('src/auth/a.js', 2)] });
    const before = await requestApproval(recorder, deps);
    expect(await codeOf(decide(recorder, { decision: 'reject', actor: 'alice', reason: '  ' }, deps))).toBe(
      'reason-required',
    );
    const status = await decide(recorder, { decision: 'reject', actor: 'alice', reason: 'hides the bug' }, deps);
    expect(status).toMatchObject({ rejected: true, approved: false });
    expect(recorder.state).toBe('rejected');
    expect(recorder.events.at(-1)).toMatchObject({ type: 'rejected', actor: 'alice', reason: 'hides the bug' });
    const record = await trackRecords.get('js-null-read');
    expect(record).toMatchObject({ rejected: 1, recentRejections: [{ healingId: 'h1', reason: 'hides the bug' }] });
    expect(await codeOf(decide(recorder, { decision: 'approve', actor: 'bob', reason: 'ok' }, deps))).toBe(
      'not-awaiting-approval',
    );

    const next = await validatedHealing(store, 'h3', { edits: [addLinesEdit('src/auth/a.js', 2)] });
    const after = await requestApproval(next, deps);
    const points = (r: typeof before) => r.parts.find((p) => p.name === 'track-record')?.points;
    expect(points(before)).toBe(10);
    expect(points(after)).toBe(13); // round(20 × 2/3)
    expect(after.parts.find((p) => p.name === 'track-record')?.detail).toContain('last rejected: "hides the bug"');
  });

  it('refuses decisions outside awaiting-approval and by the system actor', async () => {
    const { recorder, deps } = await setup({ edits: small });
    expect(await codeOf(decide(recorder, { decision: 'approve', actor: 'alice', reason: 'x' }, deps))).toBe(
      'not-awaiting-approval',
    );
    await requestApproval(recorder, deps);
    expect(await codeOf(decide(recorder, { decision: 'reject', actor: 'homeostasis', reason: 'x' }, deps))).toBe(
      'reserved-actor',
    );
  });
});
