import type { EdgeKind } from '@event-flows/model';
import { BaseEdge, getBezierPath, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { useEditorStore } from '../store/index.ts';
import type { FlowEdgeView } from './flowElements.ts';

/**
 * The three edge looks. Subscribe and publish are curves in their own colours (publish dashed at
 * a glance is avoided: dashes mean "dead letters"); DLQ edges are dashed right-angle paths.
 */
function makeEdgeLook(kind: EdgeKind) {
  const look = memo(function FlowEdgeLook(props: EdgeProps<FlowEdgeView>) {
    const mark = useEditorStore((s) => s.marks.edges.get(props.id));
    const rate = useEditorStore((s) => s.liveStatus?.edges.get(props.id)?.msgsPerSecond);
    const bindingState = useEditorStore((s) => s.liveStatus?.edges.get(props.id)?.state);
    const [path, labelX, labelY] =
      kind === 'dlq'
        ? getSmoothStepPath({ ...props, borderRadius: 8 })
        : getBezierPath(props);
    return (
      <BaseEdge
        id={props.id}
        path={path}
        markerEnd={props.markerEnd}
        interactionWidth={16}
        className={`efs-edge efs-edge--${kind}`}
        data-mark={mark ?? 'none'}
        data-binding-state={bindingState ?? 'none'}
        {...(rate === undefined ? {} : { label: `${rate} msg/s`, labelX, labelY, labelBgPadding: [4, 2] as [number, number] })}
      />
    );
  });
  look.displayName = `FlowEdgeLook(${kind})`;
  return look;
}

/** The edge component for a subscribe edge (topic → algorithm). */
export const SubscribeEdgeLook = makeEdgeLook('subscribe');
/** The edge component for a publish edge (algorithm → topic). */
export const PublishEdgeLook = makeEdgeLook('publish');
/** The edge component for a dead-letter edge (algorithm's DLQ output → topic). */
export const DlqEdgeLook = makeEdgeLook('dlq');
