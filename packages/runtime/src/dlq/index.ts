export { replayedFrom, replayFromHeader, type DlqOwner, type DlqPosition, type DlqRecord } from './dlqRecord.ts';
export { dlqReader, type DlqReader, type DlqReaderOptions, type PartitionRange, type Watermark } from './dlqReader.ts';
export { peekDlq, peekScanBytes, type PeekOptions, type PeekResult } from './peekDlq.ts';
export { replayDlq, replayPageRecords, type ReplayChoice, type ReplayOptions, type ReplayResult } from './replayDlq.ts';
