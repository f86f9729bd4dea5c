import { countOf } from '@event-flows/model';
import { Panel } from '@xyflow/react';
import { useState } from 'react';
import { useEditorActions, useEditorStore } from '../store/index.ts';
import { GroupNameForm } from './GroupNameForm.tsx';
import './groups.css';
import { Button } from '../ui/Button.tsx';

/**
 * A canvas panel shown while nodes are selected: how many, and "Group…", which asks for a name and
 * groups them. Render it inside the canvas (a child of `FlowCanvas`); hidden when read-only.
 */
export function GroupPanel() {
  const actions = useEditorActions();
  const readOnly = useEditorStore((s) => s.readOnly);
  const selected = useEditorStore((s) => s.selection.nodeIds.size);
  const groups = useEditorStore((s) => s.graph.groups?.length ?? 0);
  const [naming, setNaming] = useState(false);
  if (readOnly || selected === 0) return null;
  return (
    <Panel position="bottom-center" className="efs-group-panel" aria-label="Selection">
      {naming ? (
        <GroupNameForm
          initial={`Group ${groups + 1}`}
          submitLabel="Group"
          onCancel={() => setNaming(false)}
          onSubmit={(name) => {
            const result = actions.groupSelection(name);
            if (result.ok) setNaming(false);
            return result;
          }}
        />
      ) : (
        <>
          <span className="efs-group-panel__count">{countOf(selected, 'node')} selected</span>
          <Button onClick={() => setNaming(true)}>Group…</Button>
        </>
      )}
    </Panel>
  );
}
