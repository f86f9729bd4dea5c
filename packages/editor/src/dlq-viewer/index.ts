/** The dead-letter viewer: a subscription's dead letters, readable, filtered and replayed. */
export { DlqViewer, type DlqViewerProps } from './DlqViewer.tsx';
export { DlqRecordItem, type DlqRecordItemProps } from './DlqRecordItem.tsx';
export { DlqGroups, type DlqGroupsProps } from './DlqGroups.tsx';
export { RedriveProgress, type RedriveProgressProps } from './RedriveProgress.tsx';
export { RedriveRuns, type RedriveRunsProps } from './RedriveRuns.tsx';
export { exampleDlqRecords } from './exampleDlqRecords.ts';
export {
  countOf,
  errorSummary,
  failedAgain,
  filterRecords,
  positionKey,
  valueView,
  groupName,
  redriveEnded,
  runReach,
  type DlqFilter,
  type DlqSearch,
  type RedriveControls,
  type RedriveRequest,
  type RedriveRunView,
  type DlqReplayAnswer,
  type DlqViewPosition,
  type DlqViewRecord,
  type ReplayFollow,
  type ValueView,
} from './dlqViewerRecords.ts';
