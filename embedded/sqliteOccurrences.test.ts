import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteHealingStore } from './sqliteHealingStore.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('SqliteHealingStore hourly occurrences', () => {
  it('counts occurrences per UTC hour and keeps the last 48 hours', async () => {
    let now = new Date('2026-11-24T12:30:00Z');
    const store = new SqliteHealingStore(':memory:', { now: () => now });
    await store.recordOccurrence('fp', '2026-11-24T11:59:00Z', {}, {});
    await store.recordOccurrence('fp', '2026-11-24T12:01:00+00:00', {}, {});
    await store.recordOccurrence('fp', '2026-11-24T14:01:00+02:00', {}, {}); // 12:01 UTC
    await store.recordOccurrence('fp', '2026-11-01T00:00:00Z', {}, {}); // older than the window: total only
    expect(await store.occurrence('fp')).toMatchObject({
      count: 4,
      hourly: { '2026-11-24T11': 1, '2026-11-24T12': 2 },
    });
    now = new Date('2026-11-26T11:00:00Z'); // 11:00 of the 24th is 48 h back: out; 12:00 stays
    const rec = await store.recordOccurrence('fp', '2026-11-26T10:59:00Z', {}, {});
    expect([rec.count, rec.hourly]).toEqual([5, { '2026-11-24T12': 2, '2026-11-26T10': 1 }]);
    store.close();
  });

  it('adds the hourly column to a store created before it existed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sqlite-occ-'));
    dirs.push(dir);
    const file = join(dir, 'store.db');
    const old = new Database(file);
    old.exec(`CREATE TABLE occurrences (fingerprint TEXT PRIMARY KEY, count INTEGER NOT NULL, first_seen TEXT NOT NULL,
      last_seen TEXT NOT NULL, parts TEXT NOT NULL, sample TEXT NOT NULL)`);
    old.prepare(`INSERT INTO occurrences VALUES ('fp', 3, 'a', 'b', '{}', '{}')`).run();
    old.close();
    const now = new Date('2026-11-24T12:30:00Z');
    const store = new SqliteHealingStore(file, { now: () => now });
    expect((await store.occurrence('fp'))?.hourly).toEqual({});
    const rec = await store.recordOccurrence('fp', '2026-11-24T12:00:00Z', {}, {});
    expect([rec.count, rec.hourly]).toEqual([4, { '2026-11-24T12': 1 }]);
    store.close();
  });
});
