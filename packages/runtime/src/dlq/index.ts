export {
  attemptOf,
  matchesFilter,
  originOf,
  replayAttemptHeader,
  replayedFrom,
  replayFromHeader,
  replayOriginHeader,
  replayRunHeader,
  type DlqFilter,
  type DlqOwner,
  type DlqPosition,
  type DlqRecord,
} from './dlqRecord.ts';
export { dlqReader, type DlqReader, type DlqReaderOptions, type PartitionRange, type Watermark } from './dlqReader.ts';
export { groupDlq, groupScanBytes, type GroupOptions, type GroupResult } from './groupDlq.ts';
export { peekDlq, peekScanBytes, scanBackwards, type PeekOptions, type PeekResult } from './peekDlq.ts';
export { replayDlq, replayPageRecords, type ReplayChoice, type ReplayOptions, type ReplayRecordResult, type ReplayResult } from './replayDlq.ts';
