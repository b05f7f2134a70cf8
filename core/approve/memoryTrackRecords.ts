import {
  RECENT_REJECTIONS_KEPT,
  type RejectionNote,
  type TrackOutcome,
  type TrackRecord,
  type TrackRecordStore,
} from './approvalTypes.ts';
import { emptyTrackRecord, trackField } from './trackRecords.ts';

/** Track records in memory: for one process (unit tests, a run without a store). */
export class MemoryTrackRecords implements TrackRecordStore {
  private readonly records = new Map<string, TrackRecord>();

  async get(ruleId: string): Promise<TrackRecord> {
    return this.copy(ruleId);
  }

  async note(ruleId: string, outcome: TrackOutcome, context?: RejectionNote): Promise<void> {
    // Read and write without an await between them: concurrent notes must not overwrite each other.
    const record = this.copy(ruleId);
    record[trackField(outcome)] += 1;
    if (outcome === 'rejected' && context) {
      record.recentRejections = [context, ...(record.recentRejections ?? [])]
        .sort((a, b) => b.at.localeCompare(a.at) || b.healingId.localeCompare(a.healingId))
        .slice(0, RECENT_REJECTIONS_KEPT);
    }
    this.records.set(ruleId, record);
  }

  private copy(ruleId: string): TrackRecord {
    const record = this.records.get(ruleId);
    if (!record) return emptyTrackRecord(ruleId);
    const { recentRejections, ...counts } = record;
    return recentRejections ? { ...counts, recentRejections: [...recentRejections] } : counts;
  }
}
