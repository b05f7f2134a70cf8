import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  RECENT_REJECTIONS_KEPT,
  type RejectionNote,
  type TrackOutcome,
  type TrackRecord,
  type TrackRecordStore,
} from '../core/approve/approvalTypes.ts';
import { emptyTrackRecord, type TrackField, trackField } from '../core/approve/trackRecords.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS rule_track_records (
  rule_id TEXT PRIMARY KEY, accepted INTEGER NOT NULL DEFAULT 0, rejected INTEGER NOT NULL DEFAULT 0,
  rolled_back INTEGER NOT NULL DEFAULT 0, verified INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS rule_rejections (
  rule_id TEXT NOT NULL, at TEXT NOT NULL, healing_id TEXT NOT NULL, reason TEXT NOT NULL,
  PRIMARY KEY (rule_id, at, healing_id));
`;

/** Column of each counter: fixed names, never built from input. */
const COLUMN: Record<TrackField, string> = {
  accepted: 'accepted',
  rejected: 'rejected',
  rolledBack: 'rolled_back',
  verified: 'verified',
};

interface RecordRow {
  accepted: number;
  rejected: number;
  rolled_back: number;
  verified: number;
}

/**
 * Rules' track records in a SQLite file that may be the healing store's own (`.homeostasis/homeostasis.db`).
 * A note is one UPSERT that adds 1 to a counter (and, for a rejection, inserts its reason and trims the rule's
 * list to the newest RECENT_REJECTIONS_KEPT) in one transaction: concurrent processes on the file never lose a count.
 */
export class SqliteTrackRecords implements TrackRecordStore {
  private readonly db: Database.Database;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  async get(ruleId: string): Promise<TrackRecord> {
    const row = this.db.prepare('SELECT * FROM rule_track_records WHERE rule_id = ?').get(ruleId) as
      | RecordRow
      | undefined;
    const record = row
      ? { ruleId, accepted: row.accepted, rejected: row.rejected, rolledBack: row.rolled_back, verified: row.verified }
      : emptyTrackRecord(ruleId);
    const rejections = this.db
      .prepare(
        `SELECT healing_id AS healingId, reason, at FROM rule_rejections WHERE rule_id = ?
         ORDER BY at DESC, healing_id DESC LIMIT ?`,
      )
      .all(ruleId, RECENT_REJECTIONS_KEPT) as RejectionNote[];
    return rejections.length > 0 ? { ...record, recentRejections: rejections } : record;
  }

  async note(ruleId: string, outcome: TrackOutcome, context?: RejectionNote): Promise<void> {
    const column = COLUMN[trackField(outcome)];
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO rule_track_records (rule_id, ${column}) VALUES (?, 1)
           ON CONFLICT(rule_id) DO UPDATE SET ${column} = ${column} + 1`,
        )
        .run(ruleId);
      if (outcome !== 'rejected' || !context) return;
      this.db
        .prepare('INSERT OR IGNORE INTO rule_rejections VALUES (?, ?, ?, ?)')
        .run(ruleId, context.at, context.healingId, context.reason);
      this.db
        .prepare(
          `DELETE FROM rule_rejections WHERE rule_id = @ruleId AND rowid NOT IN (
             SELECT rowid FROM rule_rejections WHERE rule_id = @ruleId ORDER BY at DESC, healing_id DESC LIMIT @keep)`,
        )
        .run({ ruleId, keep: RECENT_REJECTIONS_KEPT });
    })();
  }

  close(): void {
    this.db.close();
  }
}
