import { Button } from '@event-flows/editor';
import { countOf, formatTime } from '@event-flows/model';
import { PersonName } from '../app/PersonName.tsx';
import type { FlowRow } from './flowListView.ts';

/** What a person can do with one flow from the list. */
export type FlowAction = 'open' | 'details' | 'duplicate' | 'export-json' | 'export-yaml' | 'undeploy' | 'delete';

/**
 * The flow list as a table: name and description, current and deployed revision, last change and
 * who made it, and the actions. Members get every action; viewers open and export only.
 */
export function FlowTable({ flows, canWrite, onAction }: { flows: readonly FlowRow[]; canWrite: boolean; onAction: (action: FlowAction, flow: FlowRow) => void }) {
  return (
    <table className="efs-app__table efs-app__flows">
      <thead>
        <tr>
          <th scope="col">Flow</th>
          <th scope="col">Revision</th>
          <th scope="col">Deployed</th>
          <th scope="col">Last change</th>
          <th scope="col">
            <span className="efs-app__visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {flows.map((flow) => (
          <tr key={flow.id}>
            <td className="efs-app__flow-cell">
              <button type="button" className="efs-app__link" title={flow.name} onClick={() => onAction('open', flow)}>
                {flow.name}
              </button>
              {flow.description ? <span className="efs-app__muted efs-app__clip" title={flow.description}>{flow.description}</span> : null}
            </td>
            <td>{flow.revision}</td>
            <td>
              {flow.deployedRevision === null ? <span className="efs-app__muted">not deployed</span> : `revision ${flow.deployedRevision}`}
              {flow.alertsFiring > 0 ? <div className="efs-app__alerts-firing">{countOf(flow.alertsFiring, 'alert')} firing</div> : null}
            </td>
            <td>
              <time dateTime={flow.updatedAt}>{formatTime(flow.updatedAt)}</time>
              <span className="efs-app__muted">
                {' '}
                by <PersonName id={flow.updatedBy} name={flow.updatedByName} />
              </span>
            </td>
            <td className="efs-app__row-actions">
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
              {canWrite ? (
                <Button size="small" variant="danger" aria-label={`Delete ${flow.name}`} onClick={() => onAction('delete', flow)}>
                  Delete
                </Button>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
