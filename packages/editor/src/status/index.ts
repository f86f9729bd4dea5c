/** Live status of a deployed flow, laid onto its nodes and edges. */
export {
  layOutStatus,
  type BindingState,
  type BindingStatusView,
  type NodeLiveStatus,
  type EdgeLiveStatus,
  type LiveStatus,
  type LagTrend,
} from './liveStatus.ts';
export { Sparkline, type SparklineProps } from './Sparkline.tsx';
export { BindingCharts } from './BindingCharts.tsx';
export { exampleHistory, exampleStatus } from './exampleStatus.ts';
