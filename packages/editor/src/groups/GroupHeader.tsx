import { useState } from 'react';
import type { FlowGroup } from '@event-flows/model';
import { useEditorActions, useEditorStore } from '../store/index.ts';
import { GroupNameForm } from './GroupNameForm.tsx';

/**
 * A group's name with its commands: collapse or expand, rename (in place) and ungroup. Each is a
 * change of the document, so a read-only editor shows the name alone.
 */
export function GroupHeader({ group }: { group: FlowGroup }) {
  const actions = useEditorActions();
  const readOnly = useEditorStore((s) => s.readOnly);
  const [renaming, setRenaming] = useState(false);
  if (renaming) {
    return (
      <GroupNameForm
        initial={group.name}
        submitLabel="Rename"
        onCancel={() => setRenaming(false)}
        onSubmit={(name) => {
          const result = actions.renameGroup(group.id, name);
          if (result.ok) setRenaming(false);
          return result;
        }}
      />
    );
  }
  return (
    <div className="efs-group__header">
      <span className="efs-group__name" title={group.name}>
        {group.name}
      </span>
      {readOnly ? null : (
        <span className="efs-group__commands nodrag nopan">
          <button
            type="button"
            className="efs-group__command"
            aria-label={`${group.collapsed ? 'Expand' : 'Collapse'} group ${group.name}`}
            onClick={() => actions.setGroupCollapsed(group.id, !group.collapsed)}
          >
            {group.collapsed ? 'Expand' : 'Collapse'}
          </button>
          <button type="button" className="efs-group__command" aria-label={`Rename group ${group.name}`} onClick={() => setRenaming(true)}>
            Rename
          </button>
          <button type="button" className="efs-group__command" aria-label={`Ungroup ${group.name}`} onClick={() => actions.ungroup(group.id)}>
            Ungroup
          </button>
        </span>
      )}
    </div>
  );
}
