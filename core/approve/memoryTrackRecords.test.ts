import { MemoryTrackRecords } from './memoryTrackRecords.ts';
import { describeTrackRecordStore } from './testing/trackRecordSuite.ts';

describeTrackRecordStore('MemoryTrackRecords', async (handles) => {
  const store = new MemoryTrackRecords();
  return Array.from({ length: handles }, () => store);
});
