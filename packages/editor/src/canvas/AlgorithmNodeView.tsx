import { handles, runsWithFailures } from '@event-flows/model';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useEditorStore } from '../store/index.ts';
import { useDetailLevel } from './DetailLevel.tsx';
import type { FlowNodeView } from './flowElements.ts';
import { liveStatusLabel, selectAlgorithmNode } from './nodeViewModel.ts';
import { KindLine } from './NodeLabels.tsx';

const AlgorithmNode = memo(function AlgorithmNode({ id }: { id: string }) {
  const model = useEditorStore(useShallow((s) => selectAlgorithmNode(s, id)));
  if (!model) return null;
  const slash = model.algorithm.indexOf('/');
  const name = slash >= 0 ? model.algorithm.slice(slash + 1) : model.algorithm;
  const owner = slash >= 0 ? model.algorithm.slice(0, slash) : '';
  return (
    <div
      className="efs-node efs-node--algorithm"
      data-mark={model.mark ?? 'none'}
      data-binding-state={model.bindingState ?? 'none'}
      data-alert={model.alerts !== undefined}
    >
      <Handle
        type="target"
        position={Position.Left}
        id={handles.subscribe}
        className="efs-handle efs-handle--subscribe"
        title="Subscribe input"
      />
      <KindLine text={`Algorithm${owner ? ` · ${owner}` : ''}`} />
      <div className="efs-node__title" title={name}>
        {name || 'Unnamed algorithm'}
      </div>
      <div className="efs-node__meta">
        <span className="efs-node__version" data-floating={model.floating}>
          {model.version ? `v ${model.version}` : 'no version'}
        </span>
        {model.floating ? (
          <span className="efs-node__warning" title="A floating version changes without a deploy">
            floating
          </span>
        ) : null}
        {model.alerts !== undefined ? (
          <span className="efs-node__alert" role="img" aria-label={`Alert firing: ${model.alerts}`} title={`Alert firing: ${model.alerts}`}>
            alert firing
          </span>
        ) : null}
      </div>
      <div
        className="efs-node__status"
        data-mark={model.mark ?? 'none'}
        data-binding-state={model.bindingState ?? 'none'}
        data-failing={model.bindingState && runsWithFailures({ state: model.bindingState, failed: model.failed, deadLettered: model.deadLettered }) ? 'true' : undefined}
        data-trend={model.bindingState ? model.trend : undefined}
        title={model.error ?? (model.bindingState && model.trend !== 'steady' ? `Lag ${model.trend} over the last minute` : undefined)}
      >
        {liveStatusLabel(model)}
      </div>
      <Handle
        type="source"
        position={Position.Right}
        id={handles.publish}
        className="efs-handle efs-handle--publish"
        title="Publish output"
      />
      <Handle
        type="source"
        position={Position.Bottom}
        id={handles.dlq}
        className="efs-handle efs-handle--dlq"
        title="Dead-letter queue output"
      />
    </div>
  );
});

/**
 * An algorithm on the canvas: name, version, a status area, the subscribe input on the left, the
 * publish output on the right and the dead-letter output below, drawn apart from publish. In low
 * detail its element stays (to be clicked and dragged) but draws nothing: FarDrawing draws its shape.
 */
export const AlgorithmNodeView = memo(function AlgorithmNodeView({ id }: NodeProps<FlowNodeView>) {
  return useDetailLevel() === 'low' ? null : <AlgorithmNode id={id} />;
});
