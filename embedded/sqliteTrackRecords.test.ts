import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeTrackRecordStore } from '../core/approve/testing/trackRecordSuite.ts';
import { SqliteHealingStore } from './sqliteHealingStore.ts';
import { SqliteTrackRecords } from './sqliteTrackRecords.ts';

const dbFile = () => join(mkdtempSync(join(tmpdir(), 'hs-track-')), '.homeostasis', 'homeostasis.db');

describeTrackRecordStore('SqliteTrackRecords', async (handles) => {
  const file = dbFile();
  return Array.from({ length: handles }, () => new SqliteTrackRecords(file));
});

describe('SqliteTrackRecords file', () => {
  it('shares the healing store file and survives a reopen, counting from two connections', async () => {
    const file = dbFile();
    const healings = new SqliteHealingStore(file);
    const a = new SqliteTrackRecords(file);
    const b = new SqliteTrackRecords(file);
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).note('r1', 'accepted')));
    a.close();
    b.close();
    const reopened = new SqliteTrackRecords(file);
    expect((await reopened.get('r1')).accepted).toBe(20);
    expect(await healings.list()).toEqual([]);
    reopened.close();
    healings.close();
  });
});
