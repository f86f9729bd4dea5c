import { countOf, handles } from '@event-flows/model';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useEditorStore } from '../store/index.ts';
import { useDetailLevel } from './DetailLevel.tsx';
import type { FlowNodeView } from './flowElements.ts';
import { markLabel, selectTopicNode } from './nodeViewModel.ts';
import { KindLine } from './NodeLabels.tsx';

const TopicNode = memo(function TopicNode({ id }: { id: string }) {
  const model = useEditorStore(useShallow((s) => selectTopicNode(s, id)));
  if (!model) return null;
  return (
    <div className="efs-node efs-node--topic" data-dlq={model.dlq} data-mark={model.mark ?? 'none'} data-drift={model.drift !== undefined}>
      <Handle
        type="target"
        position={Position.Left}
        id={handles.topicIn}
        className="efs-handle efs-handle--topic-in"
        title="Topic input"
      />
      <KindLine text={`${model.dlq ? 'DLQ topic' : 'Topic'} · ${model.connection}`} />
      <div className="efs-node__title" title={model.topic}>
        {model.topic || 'Unnamed topic'}
      </div>
      <div className="efs-node__meta">
        <span>{model.partitions === undefined ? 'partitions unknown' : countOf(model.partitions, 'partition')}</span>
        {model.created ? <span className="efs-node__note">to be created</span> : null}
        {model.adopted ? (
          <span className="efs-node__note" title="Adopted from the cluster: it existed before this flow, and deploying takes it over as it is, never creating or deleting it">
            existing · adopted
          </span>
        ) : null}
        {model.drift ? (
          <span className="efs-node__drift" role="img" aria-label={`Drift: ${model.drift}`} title={model.drift}>
            drift
          </span>
        ) : null}
        <span className="efs-node__mark" data-mark={model.mark ?? 'none'} title={markLabel(model.mark)}>
          {model.mark ? markLabel(model.mark) : ''}
        </span>
      </div>
      <Handle
        type="source"
        position={Position.Right}
        id={handles.topicOut}
        className="efs-handle efs-handle--topic-out"
        title="Topic output"
      />
    </div>
  );
});

/**
 * A Kafka topic on the canvas: connection, name and partitions, an input for publish and DLQ edges
 * and an output for subscriptions; it takes the dead-letter look when a DLQ edge ends on it. In low
 * detail its element stays (to be clicked and dragged) but draws nothing: FarDrawing draws its shape.
 */
export const TopicNodeView = memo(function TopicNodeView({ id }: NodeProps<FlowNodeView>) {
  return useDetailLevel() === 'low' ? null : <TopicNode id={id} />;
});
