import { Badge, Button, Table, type TableColumn } from '@event-flows/editor';
import { countOf, formatTime } from '@event-flows/model';
import { PersonName } from '../app/PersonName.tsx';
import type { FlowRow } from './flowListView.ts';

/** What a person can do with one flow from the list. */
export type FlowAction = 'open' | 'details' | 'duplicate' | 'export-json' | 'export-yaml' | 'undeploy' | 'delete';

/** Props of {@link FlowTable}. */
export interface FlowTableProps {
  flows: readonly FlowRow[];
  /** Members get every action; viewers open and export only. */
  canWrite: boolean;
  onAction: (action: FlowAction, flow: FlowRow) => void;
}

/** A flow's actions: open by its name; rename, duplicate, export, undeploy (when deployed) and delete. */
function RowActions({ flow, canWrite, onAction }: { flow: FlowRow } & Omit<FlowTableProps, 'flows'>) {
  return (
    <span className="efs-flows__actions">
      {canWrite ? (
        <>
          <Button size="small" aria-label={`Rename or describe ${flow.name}`} onClick={() => onAction('details', flow)}>
            Rename
          </Button>
          <Button size="small" aria-label={`Duplicate ${flow.name}`} onClick={() => onAction('duplicate', flow)}>
            Duplicate
          </Button>
        </>
      ) : null}
      <Button size="small" aria-label={`Export ${flow.name} as JSON`} onClick={() => onAction('export-json', flow)}>
        JSON
      </Button>
      <Button size="small" aria-label={`Export ${flow.name} as YAML`} onClick={() => onAction('export-yaml', flow)}>
        YAML
      </Button>
      {canWrite && flow.deployedRevision !== null ? (
        <Button size="small" aria-label={`Undeploy ${flow.name}`} onClick={() => onAction('undeploy', flow)}>
          Undeploy
        </Button>
      ) : null}
      {/* Undeploy's room, kept empty, so Delete and the actions before it line up with the rows that have it. */}
      {canWrite && flow.deployedRevision === null ? (
        <Button size="small" className="efs-flows__absent" aria-hidden="true" tabIndex={-1} disabled>
          Undeploy
        </Button>
      ) : null}
      {canWrite ? (
        <Button size="small" variant="danger" aria-label={`Delete ${flow.name}`} onClick={() => onAction('delete', flow)}>
          Delete
        </Button>
      ) : null}
    </span>
  );
}

/**
 * The flow list as the design system's table: name and description, current and deployed revision
 * (with the alerts firing), last change and who made it, and the actions.
 */
export function FlowTable({ flows, canWrite, onAction }: FlowTableProps) {
  const columns: TableColumn<FlowRow>[] = [
    {
      key: 'flow',
      header: 'Flow',
      cell: (flow) => (
        <span className="efs-flows__flow">
          <button type="button" className="efs-app__link efs-flows__name" title={flow.name} onClick={() => onAction('open', flow)}>
            {flow.name}
          </button>
          {flow.description ? (
            <span className="efs-app__muted efs-flows__description" title={flow.description}>
              {flow.description}
            </span>
          ) : null}
        </span>
      ),
    },
    { key: 'revision', header: 'Revision', numeric: true, cell: (flow) => flow.revision.toLocaleString('en') },
    {
      key: 'deployed',
      header: 'Deployed',
      cell: (flow) => (
        <>
          <span className={flow.deployedRevision === null ? 'efs-app__muted efs-flows__deployed' : 'efs-flows__deployed'}>
            {flow.deployedRevision === null ? 'not deployed' : `revision ${flow.deployedRevision.toLocaleString('en')}`}
          </span>
          {flow.alertsFiring > 0 ? (
            <span className="efs-flows__alerts">
              <Badge tone="error">{countOf(flow.alertsFiring, 'alert')} firing</Badge>
            </span>
          ) : null}
        </>
      ),
    },
    {
      key: 'changed',
      header: 'Last change',
      cell: (flow) => (
        <>
          <time dateTime={flow.updatedAt}>{formatTime(flow.updatedAt)}</time>
          <span className="efs-app__muted efs-flows__who">
            {' '}
            by <PersonName id={flow.updatedBy} name={flow.updatedByName} />
          </span>
        </>
      ),
    },
    { key: 'actions', header: <span className="efs-visually-hidden">Actions</span>, cell: (flow) => <RowActions flow={flow} canWrite={canWrite} onAction={onAction} /> },
  ];
  return (
    <Table
      className="efs-flows"
      caption={<span className="efs-visually-hidden">Flows</span>}
      label="Flows"
      columns={columns}
      rows={flows}
      rowKey={(flow) => flow.id}
    />
  );
}
