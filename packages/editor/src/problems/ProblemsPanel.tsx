import { countOf, grantKey, grantsNeeded, verbFor, type Diagnostic, type Grant, type Severity } from '@event-flows/model';
import { useId, useMemo, useState } from 'react';
import { groupAfterRows, GroupedList, GroupingChoice, type ListGrouping } from '../grouped-list/index.ts';
import { grantStatesOf, RequestAllAccess, type AccessRequestState } from '../plan-review/index.ts';
import { useEditorStore } from '../store/index.ts';
import { ListButton, ListRow } from '../ui/index.ts';
import { groupProblems, type Problem } from './problemGroups.ts';
import { useFocusElements } from './useFocusElements.ts';

const severityLabel: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Note' };

/** Props of {@link ProblemsPanel}. */
export interface ProblemsPanelProps {
  /** The newest request filed for each grant the flow needs (from the server); omit while not known. */
  accessRequests?: readonly AccessRequestState[] | undefined;
  /** Asks a cluster admin for the grants the flow lacks, as the plan review does; omit to hide the action. */
  onRequestAccess?: ((grants: Grant[]) => void) | undefined;
}

/**
 * The model's diagnostics for the flow, errors first. Activating one selects the nodes and edges it
 * names and brings them into view; the canvas marks the same elements. A long list is shown in
 * collapsed groups by algorithm or by connection, drawing only the rows in view. When grants are
 * missing, the plan review's "Request access for all" is offered above the list.
 */
export function ProblemsPanel({ accessRequests, onRequestAccess }: ProblemsPanelProps) {
  const diagnostics = useEditorStore((s) => s.diagnostics);
  const graph = useEditorStore((s) => s.graph);
  const connections = useEditorStore((s) => s.catalog.connections);
  const grants = useEditorStore((s) => s.catalog.grants);
  const notGranted = diagnostics.some((d) => d.code === 'access-not-granted');
  // The grants behind the "access-not-granted" problems: those the graph needs and the catalog lacks.
  const missing = useMemo(() => {
    if (!notGranted) return [];
    const granted = new Set(grants.map(grantKey));
    return grantsNeeded(graph).filter((g) => !granted.has(grantKey(g)));
  }, [notGranted, graph, grants]);
  const [grouping, setGrouping] = useState<ListGrouping>('algorithm');
  const focus = useFocusElements();
  const headingId = useId();
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const problems = useMemo(() => diagnostics.map((diagnostic, i): Problem => ({ key: `${diagnostic.code}:${i}`, diagnostic })), [diagnostics]);
  const long = problems.length > groupAfterRows;
  const groups = useMemo(() => {
    if (!long) return [];
    const names = new Map(connections.map((c) => [c.id, c.name]));
    return groupProblems(problems, graph, grouping, (id) => names.get(id) ?? id);
  }, [long, problems, graph, grouping, connections]);
  const renderItem = ({ diagnostic: d }: Problem) => <ProblemItem diagnostic={d} onFocus={() => focus(d.nodeIds, d.edgeIds)} />;
  return (
    <section className="efs-problems" aria-labelledby={headingId}>
      <h2 id={headingId} className="efs-panel__heading">
        Problems <span className="efs-problems__count">({diagnostics.length.toLocaleString('en')})</span>
      </h2>
      {diagnostics.length === 0 ? (
        <p className="efs-panel__empty">No problems found.</p>
      ) : (
        <>
          <p className="efs-problems__summary">
            {errors === 0 ? 'Nothing blocks a deploy.' : `${countOf(errors, 'error')} ${verbFor(errors, 'blocks', 'block')} a deploy.`}
          </p>
          <RequestAllAccess blocked={missing} states={grantStatesOf(accessRequests)} onRequestAccess={onRequestAccess} />
          {long ? (
            <>
              <GroupingChoice grouping={grouping} onChange={setGrouping} />
              <GroupedList labelledBy={headingId} groups={groups} itemKey={(p) => p.key} renderItem={renderItem} />
            </>
          ) : (
            <ul className="efs-problems__list" aria-labelledby={headingId}>
              {problems.map((p) => (
                <li key={p.key}>{renderItem(p)}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function ProblemItem({ diagnostic, onFocus }: { diagnostic: Diagnostic; onFocus: () => void }) {
  const look = { className: 'efs-problems__item', tone: diagnostic.severity, lead: severityLabel[diagnostic.severity], detail: diagnostic.code, 'data-severity': diagnostic.severity };
  const message = <span className="efs-problems__message">{diagnostic.message}</span>;
  // A problem of the whole flow has nothing to show on the canvas: a row as urgent as the others, not a disabled button.
  if (diagnostic.nodeIds.length + diagnostic.edgeIds.length === 0) {
    return (
      <ListRow {...look} title="This concerns the whole flow">
        {message}
      </ListRow>
    );
  }
  return (
    <ListButton {...look} onClick={onFocus} title="Show on the canvas">
      {message}
    </ListButton>
  );
}
