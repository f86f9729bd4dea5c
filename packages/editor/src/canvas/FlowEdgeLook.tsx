import type { EdgeKind } from '@event-flows/model';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { useEditorStore } from '../store/index.ts';
import { splitPathIntoPieces } from './edgeSegments.ts';
import { useMessagePathLabel } from './MessagePathOverlay.tsx';
import type { FlowEdgeView } from './flowElements.ts';

const hiddenStroke = { visibility: 'hidden' } as const;
/** A label that says "retrying n/m" reads in the warning colour. */
const retryingLabel = { fill: 'var(--efs-warning)', fontWeight: 600 } as const;

/**
 * The mark of a subscription whose binding has alerts firing, above the edge's label: short, since an
 * edge between neighbours is short; the rules' names are its tooltip and its accessible name.
 */
function AlertBadge({ rules, x, y }: { rules: readonly string[]; x: number; y: number }) {
  const words = `Alert firing on this subscription: ${rules.join(', ')}`;
  return (
    <EdgeLabelRenderer>
      <span className="efs-edge__alert nodrag nopan" role="img" aria-label={words} title={words} style={{ transform: `translate(-50%, -100%) translate(${x}px, ${y - 10}px)` }}>
        {rules.length === 1 ? 'alert' : `${rules.length} alerts`}
      </span>
    </EdgeLabelRenderer>
  );
}

/**
 * The three edge looks. Subscribe and publish are curves in their own colours (publish dashed at
 * a glance is avoided: dashes mean "dead letters"); DLQ edges are dashed right-angle paths.
 */
function makeEdgeLook(kind: EdgeKind) {
  const look = memo(function FlowEdgeLook(props: EdgeProps<FlowEdgeView>) {
    const mark = useEditorStore((s) => s.marks.edges.get(props.id));
    const liveLabel = useEditorStore((s) => s.liveStatus?.edges.get(props.id)?.label);
    const bindingState = useEditorStore((s) => s.liveStatus?.edges.get(props.id)?.state);
    const retrying = useEditorStore((s) => s.liveStatus?.edges.get(props.id)?.retrying !== undefined);
    const drift = useEditorStore((s) => s.driftMarks?.edges.get(props.id));
    const alerts = useEditorStore((s) => s.alertMarks?.edges.get(props.id));
    const pathLabel = useMessagePathLabel(props.id);
    const [path, labelX, labelY] =
      kind === 'dlq'
        ? getSmoothStepPath({ ...props, borderRadius: 8 })
        : getBezierPath(props);
    const className = `efs-edge efs-edge--${kind}`;
    const markState = {
      'data-mark': mark ?? 'none',
      'data-binding-state': bindingState ?? 'none',
      'data-drift': drift !== undefined,
      ...(retrying ? { 'data-retrying': 'true' } : {}),
      ...(alerts ? { 'data-alert': 'true' } : {}),
    };
    const badge = alerts ? <AlertBadge rules={alerts} x={labelX} y={labelY} /> : null;
    // An edge standing for several edges of a collapsed group carries their count as its own label;
    // drift (an ACL gone missing, a consumer group that differs) takes the place of its live figures,
    // which the status table still shows, as a mark whose tooltip names each field's deployed and live value.
    // A followed message's path, while shown, labels its edges with its own figures instead.
    const text = pathLabel || (drift !== undefined ? undefined : (liveLabel ?? (typeof props.label === 'string' ? props.label : undefined)));
    const label = text === undefined ? {} : { label: text, labelX, labelY, labelBgPadding: [4, 2] as [number, number], ...(retrying && !pathLabel ? { labelStyle: retryingLabel } : {}) };
    const driftMark = drift ? (
      <EdgeLabelRenderer>
        <span
          className="efs-edge__drift nodrag nopan"
          role="img"
          aria-label={`Drift: ${drift.text}`}
          title={drift.text}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
        >
          {drift.label}
        </span>
      </EdgeLabelRenderer>
    ) : null;
    // Dashes generated along a whole edge thousands of pixels long made dragging a node with a DLQ
    // edge drop frames: the dashed look is drawn piece by piece instead (see splitPathIntoPieces),
    // over the same path kept hidden for the edge's look, hit area and label. That edge comes after
    // the pieces: SVG paints later elements on top, and the label must hide the dashes behind it.
    const pieces = kind === 'dlq' ? splitPathIntoPieces(path) : null;
    if (pieces && pieces.length > 1) {
      return (
        <>
          {pieces.map((piece, i) => (
            <path
              key={i}
              d={piece.d}
              className={`react-flow__edge-path ${className}`}
              style={{ strokeDashoffset: piece.offset }}
              markerEnd={i === pieces.length - 1 ? props.markerEnd : undefined}
              {...markState}
            />
          ))}
          <BaseEdge
            id={props.id}
            path={path}
            interactionWidth={16}
            className={className}
            style={hiddenStroke}
            {...markState}
            {...label}
          />
          {badge}
          {driftMark}
        </>
      );
    }
    return (
      <>
        <BaseEdge id={props.id} path={path} markerEnd={props.markerEnd} interactionWidth={16} className={className} {...markState} {...label} />
        {badge}
        {driftMark}
      </>
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
