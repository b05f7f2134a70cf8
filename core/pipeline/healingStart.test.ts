import { describe, expect, it } from 'vitest';
import { decideHealingStart } from './healingStart.ts';

const policy = { cooldownMs: 3_600_000, claimStaleMs: 60_000 };
const now = new Date('2026-01-01T12:00:00Z');
const none = { openHealingId: null, claimedAt: null, cooldownUntil: null };
const claimed = (claimedAt = '2026-01-01T11:00:00Z') => ({ openHealingId: 'h1', claimedAt, cooldownUntil: null });

describe('decideHealingStart', () => {
  it('starts the first healing of a fingerprint', () => {
    expect(decideHealingStart(none, null, now, policy)).toEqual({ kind: 'start', replaces: null });
  });

  it('does not start while one is open, whatever its non-final state', () => {
    for (const state of ['detected', 'analyzed', 'validating', 'awaiting-approval'] as const) {
      expect(decideHealingStart(claimed(), { state, updatedAt: '2026-01-01T11:00:00Z' }, now, policy).kind).toBe(
        'skip',
      );
    }
  });

  it('replaces a closed healing only after the cool-down', () => {
    const failed = (updatedAt: string) => ({ state: 'validation-failed' as const, updatedAt });
    expect(decideHealingStart(claimed(), failed('2026-01-01T11:30:00Z'), now, policy)).toMatchObject({ kind: 'skip' });
    expect(decideHealingStart(claimed(), failed('2026-01-01T10:59:59Z'), now, policy)).toEqual({
      kind: 'start',
      replaces: 'h1',
    });
    const delivered = { state: 'delivered' as const, updatedAt: '2026-01-01T10:00:00Z' };
    expect(decideHealingStart(claimed(), delivered, now, policy)).toEqual({ kind: 'start', replaces: 'h1' });
  });

  it('leaves a fresh claim without events to its claimer and takes over a stale one', () => {
    const empty = { state: null, updatedAt: null };
    expect(decideHealingStart(claimed('2026-01-01T11:59:30Z'), empty, now, policy).kind).toBe('skip');
    expect(decideHealingStart(claimed('2026-01-01T11:58:00Z'), empty, now, policy)).toEqual({
      kind: 'resume',
      healingId: 'h1',
    });
  });

  it('honours a mute (cooldownUntil) even without any healing', () => {
    const muted = { ...none, cooldownUntil: '2026-01-01T13:00:00Z' };
    expect(decideHealingStart(muted, null, now, policy)).toMatchObject({ kind: 'skip' });
    expect(decideHealingStart({ ...none, cooldownUntil: '2026-01-01T11:00:00Z' }, null, now, policy).kind).toBe(
      'start',
    );
  });
});
