import Database from 'better-sqlite3';
import type { Idempotency } from '../../core/pipeline/pipelinePorts.ts';

/** 14 days, as the DynamoDB idempotency records (adapters/aws/dynamoIdempotency.ts): longer than any reporter retries. */
const KEEP_MS = 14 * 24 * 3600_000;

/**
 * Idempotency records in the embedded SQLite file (which may be the healing store's own): the primary key makes
 * `mark` a conditional insert, so two processes on the same file agree on who marked a key first. Records older
 * than KEEP_MS are deleted as new ones are written.
 */
export class SqliteIdempotency implements Idempotency {
  private readonly db: Database.Database;

  constructor(
    path: string,
    private readonly now: () => number = Date.now,
  ) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS processed_keys (key TEXT PRIMARY KEY, at INTEGER NOT NULL);' +
        'CREATE INDEX IF NOT EXISTS processed_keys_at ON processed_keys(at);',
    );
  }

  async seen(key: string): Promise<boolean> {
    const row = this.db.prepare('SELECT at FROM processed_keys WHERE key = ?').get(key) as { at: number } | undefined;
    return row !== undefined && this.now() - row.at < KEEP_MS;
  }

  async mark(key: string): Promise<boolean> {
    const now = this.now();
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM processed_keys WHERE at < ?').run(now - KEEP_MS);
      return this.db.prepare('INSERT OR IGNORE INTO processed_keys VALUES (?, ?)').run(key, now).changes === 1;
    })();
  }

  close(): void {
    this.db.close();
  }
}
