import { describe, expect, it } from 'vitest';
import type { TrackRecordStore } from '../approvalTypes.ts';

/**
 * The behaviour every TrackRecordStore shares (memory, SQLite, DynamoDB). `open(n)` returns n handles on ONE
 * fresh store (separate connections/clients where the store has them), as separate processes would hold.
 */
export function describeTrackRecordStore(
  name: string,
  open: (handles: number) => Promise<TrackRecordStore[]>,
  options: { parallel: boolean } = { parallel: true },
): void {
  describe(name, () => {
    it('starts every rule at zero and counts each outcome', async () => {
      const [store] = await open(1);
      if (!store) throw new Error('no store');
      expect(await store.get('r1')).toEqual({ ruleId: 'r1', accepted: 0, rejected: 0, rolledBack: 0, verified: 0 });
      await store.note('r1', 'accepted');
      await store.note('r1', 'accepted');
      await store.note('r1', 'verified');
      await store.note('r1', 'rolled-back');
      await store.note('r2', 'rejected');
      expect(await store.get('r1')).toEqual({ ruleId: 'r1', accepted: 2, rejected: 0, rolledBack: 1, verified: 1 });
      expect(await store.get('r2')).toEqual({ ruleId: 'r2', accepted: 0, rejected: 1, rolledBack: 0, verified: 0 });
    });

    it('keeps the newest five rejection reasons, newest first', async () => {
      const [store] = await open(1);
      if (!store) throw new Error('no store');
      for (let i = 1; i <= 7; i++) {
        await store.note('r1', 'rejected', {
          healingId: `h${i}`,
          reason: `reason ${i}`,
          at: `2026-01-0${i}T00:00:00Z`,
        });
      }
      const record = await store.get('r1');
      expect(record.rejected).toBe(7);
      expect(record.recentRejections?.map((r) => r.reason)).toEqual([
        'reason 7',
        'reason 6',
        'reason 5',
        'reason 4',
        'reason 3',
      ]);
      expect(record.recentRejections?.[0]).toEqual({ healingId: 'h7', reason: 'reason 7', at: '2026-01-07T00:00:00Z' });
      expect((await store.get('r2')).recentRejections).toBeUndefined();
    });

    it(
      options.parallel ? 'loses no count when several handles note at once' : 'counts notes from several handles',
      async () => {
        const handles = await open(4);
        const outcomes = ['accepted', 'rejected', 'rolled-back', 'verified'] as const;
        const notes = Array.from(
          { length: 40 },
          (_, i) => () =>
            handles[i % handles.length]!.note('r9', outcomes[i % 4]!, {
              healingId: `h${i}`,
              reason: 'no',
              at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
            }),
        );
        if (options.parallel) await Promise.all(notes.map((note) => note()));
        else for (const note of notes) await note();
        expect(await handles[0]!.get('r9')).toMatchObject({ accepted: 10, rejected: 10, rolledBack: 10, verified: 10 });
      },
    );
  });
}
