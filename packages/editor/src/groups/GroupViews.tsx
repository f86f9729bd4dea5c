import { countOf } from '@event-flows/model';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { KindLine } from '../canvas/NodeLabels.tsx';
import { groupHandles, type GroupNodeView } from './groupElements.ts';
import { GroupHeader } from './GroupHeader.tsx';
import './groups.css';

/** How many edges enter and leave a group, in words: "3 edges in · 1 out". */
function edgeCounts(incoming: number, outgoing: number): string {
  return `${countOf(incoming, 'edge')} in · ${outgoing.toLocaleString('en')} out`;
}

/**
 * A collapsed group on the canvas: one node with the group's name, how many nodes it holds and how
 * many edges go in and out; the edges of its nodes end on its two sides. It cannot be connected.
 */
export const CollapsedGroupView = memo(function CollapsedGroupView({ data }: NodeProps<GroupNodeView>) {
  const { group, incoming, outgoing } = data;
  return (
    <div className="efs-group efs-group--collapsed">
      <Handle type="target" position={Position.Left} id={groupHandles.in} isConnectable={false} className="efs-handle efs-handle--group" />
      <KindLine text={`Group · ${countOf(group.nodeIds.length, 'node')} · ${edgeCounts(incoming, outgoing)}`} />
      <GroupHeader group={group} stacked />
      <Handle type="source" position={Position.Right} id={groupHandles.out} isConnectable={false} className="efs-handle efs-handle--group" />
    </div>
  );
});

/** An expanded group on the canvas: a frame behind its nodes, with its name and commands on top. */
export const GroupFrameView = memo(function GroupFrameView({ data }: NodeProps<GroupNodeView>) {
  const { group, incoming, outgoing } = data;
  return (
    <div className="efs-group efs-group--frame" title={`${group.name}: ${countOf(group.nodeIds.length, 'node')}, ${edgeCounts(incoming, outgoing)}`}>
      <GroupHeader group={group} />
    </div>
  );
});
