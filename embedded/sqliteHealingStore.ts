import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { mergeHourly } from '../core/pipeline/occurrenceHours.ts';
import { tallyOfOne } from '../core/pipeline/occurrenceTally.ts';
import type { HealingState } from '../core/workflow/healingStates.ts';
import {
  ConcurrentAppendError,
  type HealingStore,
  type HealingSummary,
  type OccurrenceRecord,
} from '../core/workflow/healingStore.ts';
import type { HealingEvent } from '../core/workflow/healingWorkflow.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS healings (
  id TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, service TEXT NOT NULL, category TEXT NOT NULL,
  state TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS healings_fingerprint ON healings(fingerprint);
CREATE TABLE IF NOT EXISTS healing_events (
  healing_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, at TEXT NOT NULL, reason TEXT NOT NULL,
  actor TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (healing_id, seq));
CREATE TABLE IF NOT EXISTS occurrences (
  fingerprint TEXT PRIMARY KEY, count INTEGER NOT NULL, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,
  parts TEXT NOT NULL, sample TEXT NOT NULL, hourly TEXT NOT NULL DEFAULT '{}');
`;

interface EventRow {
  healing_id: string;
  seq: number;
  type: HealingEvent['type'];
  at: string;
  reason: string;
  actor: string;
  data: string;
}

/**
 * The embedded store: one SQLite file under `.homeostasis/`. The primary key (healing_id, seq) is the
 * conditional write: a second writer of the same sequence number fails instead of overwriting.
 * The `healings` row is a projection (state, times) for listing; the events remain the truth.
 */
export class SqliteHealingStore implements HealingStore {
  private readonly db: Database.Database;

  /** `options.now`: the clock that decides which hourly occurrence buckets are still kept. */
  constructor(
    path: string,
    private readonly options: { now?: () => Date } = {},
  ) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    // Stores created before hourly buckets existed get the column (SQLite has no ADD COLUMN IF NOT EXISTS).
    const columns = this.db.prepare('PRAGMA table_info(occurrences)').all() as { name: string }[];
    if (!columns.some((c) => c.name === 'hourly')) {
      this.db.exec(`ALTER TABLE occurrences ADD COLUMN hourly TEXT NOT NULL DEFAULT '{}'`);
    }
  }

  async append(
    event: HealingEvent,
    meta: { fingerprint: string; service: string; category: string; state: HealingState },
  ): Promise<void> {
    const tx = this.db.transaction(() => {
      const last = this.db
        .prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM healing_events WHERE healing_id = ?')
        .get(event.healingId) as { seq: number };
      if (last.seq + 1 !== event.seq) {
        throw new ConcurrentAppendError(`healing ${event.healingId} is at seq ${last.seq}, not ${event.seq - 1}`);
      }
      this.db
        .prepare('INSERT INTO healing_events VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(event.healingId, event.seq, event.type, event.at, event.reason, event.actor, JSON.stringify(event.data));
      this.db
        .prepare(
          `INSERT INTO healings VALUES (@id, @fingerprint, @service, @category, @state, @at, @at)
           ON CONFLICT(id) DO UPDATE SET state = @state, category = @category, updated_at = @at`,
        )
        .run({ id: event.healingId, ...meta, at: event.at });
    });
    tx();
  }

  async events(healingId: string): Promise<HealingEvent[]> {
    const rows = this.db
      .prepare('SELECT * FROM healing_events WHERE healing_id = ? ORDER BY seq')
      .all(healingId) as EventRow[];
    return rows.map((r) => ({
      healingId: r.healing_id,
      seq: r.seq,
      type: r.type,
      at: r.at,
      reason: r.reason,
      actor: r.actor,
      data: JSON.parse(r.data) as Record<string, unknown>,
    }));
  }

  async list(filter: { state?: HealingState; fingerprint?: string; service?: string } = {}): Promise<HealingSummary[]> {
    const rows = this.db
      .prepare(
        `SELECT id, fingerprint, service, category, state, created_at AS createdAt, updated_at AS updatedAt
         FROM healings
         WHERE (@state IS NULL OR state = @state) AND (@fingerprint IS NULL OR fingerprint = @fingerprint)
           AND (@service IS NULL OR service = @service)
         ORDER BY created_at DESC, id`,
      )
      .all({ state: filter.state ?? null, fingerprint: filter.fingerprint ?? null, service: filter.service ?? null });
    return rows as HealingSummary[];
  }

  async recordOccurrence(fingerprint: string, at: string, parts: unknown, sample: unknown): Promise<OccurrenceRecord> {
    const now = this.options.now?.() ?? new Date();
    const { hourly } = tallyOfOne(fingerprint, at, parts, sample, now);
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO occurrences (fingerprint, count, first_seen, last_seen, parts, sample) VALUES (?, 1, ?, ?, ?, ?)
           ON CONFLICT(fingerprint) DO UPDATE SET count = count + 1,
             first_seen = MIN(first_seen, excluded.first_seen), last_seen = MAX(last_seen, excluded.last_seen)`,
        )
        .run(fingerprint, at, at, JSON.stringify(parts), JSON.stringify(sample));
      const row = this.db.prepare('SELECT hourly FROM occurrences WHERE fingerprint = ?').get(fingerprint) as {
        hourly: string;
      };
      const merged = mergeHourly(JSON.parse(row.hourly) as Record<string, number>, hourly, now);
      this.db
        .prepare('UPDATE occurrences SET hourly = ? WHERE fingerprint = ?')
        .run(JSON.stringify(merged), fingerprint);
    })();
    return (await this.occurrence(fingerprint)) as OccurrenceRecord;
  }

  async occurrence(fingerprint: string): Promise<OccurrenceRecord | null> {
    const row = this.db.prepare('SELECT * FROM occurrences WHERE fingerprint = ?').get(fingerprint);
    return row ? toOccurrence(row as OccurrenceRow) : null;
  }

  async findOccurrences(prefix: string): Promise<OccurrenceRecord[]> {
    const rows = this.db
      .prepare("SELECT * FROM occurrences WHERE fingerprint LIKE ? || '%' ORDER BY last_seen DESC")
      .all(prefix.replace(/[%_]/g, ''));
    return (rows as OccurrenceRow[]).map(toOccurrence);
  }

  close(): void {
    this.db.close();
  }
}

interface OccurrenceRow {
  fingerprint: string;
  count: number;
  first_seen: string;
  last_seen: string;
  parts: string;
  sample: string;
  hourly: string;
}

function toOccurrence(row: OccurrenceRow): OccurrenceRecord {
  return {
    fingerprint: row.fingerprint,
    count: row.count,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    parts: JSON.parse(row.parts),
    sample: JSON.parse(row.sample),
    hourly: JSON.parse(row.hourly) as Record<string, number>,
  };
}
