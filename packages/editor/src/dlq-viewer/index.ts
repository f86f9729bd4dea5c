/** The dead-letter viewer: a subscription's dead letters, readable, filtered and replayed. */
export { DlqViewer, type DlqViewerProps } from './DlqViewer.tsx';
export { DlqRecordItem, type DlqRecordItemProps } from './DlqRecordItem.tsx';
export { exampleDlqRecords } from './exampleDlqRecords.ts';
export {
  countOf,
  errorSummary,
  failedAgain,
  filterRecords,
  positionKey,
  valueView,
  type DlqFilter,
  type DlqReplayAnswer,
  type DlqViewPosition,
  type DlqViewRecord,
  type ReplayFollow,
  type ValueView,
} from './dlqViewerRecords.ts';
