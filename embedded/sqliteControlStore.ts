import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { type ControlStore, hourKey, type KillSwitchState, type RateKind } from '../core/limits/controlStore.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS control_kill_switch (
  id INTEGER PRIMARY KEY CHECK (id = 1), is_on INTEGER NOT NULL, set_by TEXT NOT NULL, set_at TEXT NOT NULL,
  reason TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS control_rates (
  kind TEXT NOT NULL, hour TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (kind, hour));
`;

/** Counters older than this are deleted as new hours begin (the DynamoDB store's TTL does the same). */
const KEEP_HOURS = 48;

interface KillSwitchRow {
  is_on: number;
  set_by: string;
  set_at: string;
  reason: string;
}

/**
 * The embedded control store: the kill switch (one row) and per-hour counters, in a SQLite file that may be the
 * healing store's own. `take` is one UPSERT whose update only happens below the maximum: SQLite runs a statement
 * atomically under its write lock, so concurrent processes on the same file never count past it.
 */
export class SqliteControlStore implements ControlStore {
  private readonly db: Database.Database;

  constructor(
    path: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  async killSwitch(): Promise<KillSwitchState | null> {
    const row = this.db.prepare('SELECT * FROM control_kill_switch WHERE id = 1').get() as KillSwitchRow | undefined;
    return row ? { on: row.is_on === 1, by: row.set_by, at: row.set_at, reason: row.reason } : null;
  }

  async setKillSwitch(on: boolean, by: string, reason: string): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO control_kill_switch VALUES (1, @on, @by, @at, @reason)
         ON CONFLICT(id) DO UPDATE SET is_on = @on, set_by = @by, set_at = @at, reason = @reason`,
      )
      .run({ on: on ? 1 : 0, by, at: this.now().toISOString(), reason });
  }

  async take(kind: RateKind, at: Date, max: number): Promise<boolean> {
    if (max <= 0) return false;
    const hour = hourKey(at);
    const taken = this.db.transaction(() => {
      const result = this.db
        .prepare(
          `INSERT INTO control_rates VALUES (?, ?, 1)
           ON CONFLICT(kind, hour) DO UPDATE SET count = count + 1 WHERE count < ?`,
        )
        .run(kind, hour, max);
      this.db
        .prepare('DELETE FROM control_rates WHERE hour < ?')
        .run(hourKey(new Date(at.getTime() - KEEP_HOURS * 3_600_000)));
      return result.changes === 1;
    });
    return taken.immediate();
  }

  async count(kind: RateKind, at: Date): Promise<number> {
    const row = this.db.prepare('SELECT count FROM control_rates WHERE kind = ? AND hour = ?').get(kind, hourKey(at)) as
      | { count: number }
      | undefined;
    return row?.count ?? 0;
  }

  close(): void {
    this.db.close();
  }
}
