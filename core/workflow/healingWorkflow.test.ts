import { describe, expect, it } from 'vitest';
import { SqliteHealingStore } from '../../embedded/sqliteHealingStore.ts';
import { HealingRecorder } from './healingRecorder.ts';
import { ConcurrentAppendError } from './healingStore.ts';
import { deriveState, IllegalTransitionError, nextState } from './healingWorkflow.ts';

const meta = { fingerprint: 'abc123', service: 'orders', category: 'null-reference' };

describe('healing workflow', () => {
  it('walks the happy path and derives the state from events', async () => {
    const store = new SqliteHealingStore(':memory:');
    const rec = await HealingRecorder.open(store, 'h1', meta);
    for (const type of [
      'detected',
      'analyzed',
      'candidates-generated',
      'validation-started',
      'candidate-result',
      'validated',
      'approval-requested',
      'delivered',
    ] as const) {
      await rec.record(type, type);
    }
    expect(rec.state).toBe('delivered');
    const events = await store.events('h1');
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(deriveState(events)).toBe('delivered');
    expect((await store.list({ fingerprint: 'abc123' }))[0]?.state).toBe('delivered');
  });

  it('rejects illegal transitions', () => {
    expect(() => nextState('detected', 'validated')).toThrow(IllegalTransitionError);
    expect(() => nextState(null, 'analyzed')).toThrow(IllegalTransitionError);
    expect(nextState('validating', 'candidate-result')).toBe('validating');
  });

  it('refuses a second writer of the same sequence number', async () => {
    const store = new SqliteHealingStore(':memory:');
    const a = await HealingRecorder.open(store, 'h2', meta);
    await a.record('detected', 'x');
    const event = {
      healingId: 'h2',
      seq: 2,
      type: 'analyzed' as const,
      at: new Date().toISOString(),
      reason: 'r',
      actor: 't',
      data: {},
    };
    await store.append(event, { ...meta, state: 'analyzed' });
    await expect(store.append(event, { ...meta, state: 'analyzed' })).rejects.toThrow(ConcurrentAppendError);
  });

  it('lets only one of two concurrent recorders move the healing out of a state', async () => {
    const store = new SqliteHealingStore(':memory:');
    const first = await HealingRecorder.open(store, 'h3', meta);
    await first.record('detected', 'x');
    await first.record('analyzed', 'x');
    const a = await HealingRecorder.open(store, 'h3', meta);
    const b = await HealingRecorder.open(store, 'h3', meta);
    await a.record('no-fix', 'a decided');
    await expect(b.record('candidates-generated', 'b decided')).rejects.toThrow(IllegalTransitionError);
    expect(deriveState(await store.events('h3'))).toBe('no-fix');
  });

  it('counts occurrences per fingerprint with first and last seen', async () => {
    const store = new SqliteHealingStore(':memory:');
    await store.recordOccurrence('fp1', '2026-11-24T10:00:00.000Z', { p: 1 }, {});
    const rec = await store.recordOccurrence('fp1', '2026-11-24T09:00:00.000Z', { p: 1 }, {});
    expect(rec).toMatchObject({
      count: 2,
      firstSeen: '2026-11-24T09:00:00.000Z',
      lastSeen: '2026-11-24T10:00:00.000Z',
    });
    expect((await store.findOccurrences('fp'))[0]?.fingerprint).toBe('fp1');
  });
});
