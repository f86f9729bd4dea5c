/** Live status of a deployed flow, laid onto its nodes and edges. */
export {
  layOutStatus,
  type BindingState,
  type BindingStatusView,
  type NodeLiveStatus,
  type EdgeLiveStatus,
  type LiveStatus,
} from './liveStatus.ts';
export { exampleStatus } from './exampleStatus.ts';
