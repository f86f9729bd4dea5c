import { useState } from 'react';
import type { FlowGroup } from '@event-flows/model';
import { useEditorActions, useEditorStore } from '../store/index.ts';
import { Button, Disclosure } from '../ui/index.ts';
import { GroupNameForm } from './GroupNameForm.tsx';

/**
 * A group's name with its commands: collapse or expand, rename (in place) and ungroup. Each is a
 * change of the document, except that a read-only viewer may still collapse and expand, as a change
 * of their view only; rename and ungroup are not offered to them. `stacked` puts the commands below
 * the name.
 */
export function GroupHeader({ group, stacked = false }: { group: FlowGroup; stacked?: boolean }) {
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
  const name = (
    <span className="efs-group__name" title={group.name}>
      {group.name}
    </span>
  );
  const commands = (
    <span className="efs-group__commands nodrag nopan">
      <Disclosure
        layout="inline"
        expanded={!group.collapsed}
        label={group.collapsed ? 'Expand' : 'Collapse'}
        aria-label={`${group.collapsed ? 'Expand' : 'Collapse'} group ${group.name}`}
        onToggle={(expanded) => actions.setGroupCollapsed(group.id, !expanded)}
      />
      {readOnly ? null : (
        <>
          <Button size="small" aria-label={`Rename group ${group.name}`} onClick={() => setRenaming(true)}>
            Rename
          </Button>
          <Button size="small" aria-label={`Ungroup ${group.name}`} onClick={() => actions.ungroup(group.id)}>
            Ungroup
          </Button>
        </>
      )}
    </span>
  );
  // A frame's header is one line; a collapsed group's node, narrower, has its commands below its name.
  if (!stacked) {
    return (
      <div className="efs-group__header">
        {name}
        {commands}
      </div>
    );
  }
  return (
    <>
      <div className="efs-group__header">{name}</div>
      {commands}
    </>
  );
}
