import './flowManagement.css';
import { Button, ConfirmDialog, EmptyState, Field, Spinner } from '@event-flows/editor';
import { limits } from '@event-flows/model';
import { useId, useState, type FormEvent } from 'react';
import type { Loadable } from '../app/loadable.ts';
import { flowNameProblem } from './flowFields.ts';
import { flowsShown, type FlowOrder, type FlowRow } from './flowListView.ts';
import { FlowDetailsForm } from './FlowDetailsForm.tsx';
import { FlowTable, type FlowAction } from './FlowTable.tsx';
import { ImportFlowForm } from './ImportFlowForm.tsx';

/** What the flow list has open over it: a flow's details form, the import form, or a confirmation. */
export type FlowListOpen = { kind: 'details'; flow: FlowRow } | { kind: 'import' } | { kind: 'delete'; flow: FlowRow } | { kind: 'undeploy'; flow: FlowRow } | null;

/** A sentence about the last action on the list. */
export type FlowListNotice = { tone: 'ok' | 'error'; text: string } | null;

/** Props of {@link FlowListView}. */
export interface FlowListViewProps {
  orgName: string;
  flows: Loadable<readonly FlowRow[]>;
  /** Members change flows; viewers open and export. */
  canWrite: boolean;
  open: FlowListOpen;
  notice: FlowListNotice;
  /** A row's action (open, details, delete and undeploy ask the container to open something). */
  onAction: (action: FlowAction, flow: FlowRow) => void;
  onOpenImport: () => void;
  onClose: () => void;
  /** Each rejects with a sentence the form shows. */
  onSaveDetails: (flow: FlowRow, details: { name: string; description: string }) => Promise<unknown>;
  onImport: (text: string) => Promise<unknown>;
  onCreate: (name: string) => Promise<unknown>;
  onConfirmDelete: (flow: FlowRow) => void;
  onConfirmUndeploy: (flow: FlowRow) => void;
  /** What the search field starts with (a story's, or a reload's). */
  initialSearch?: string;
}

/**
 * The org's flows as a person sees them: searchable by name, ordered by name or last change, each with
 * its revision, deployed revision and last change; members rename, describe, duplicate, export,
 * import, undeploy and delete from here, and create a new flow. It holds only the search, the order and
 * what is typed: {@link FlowListPage} feeds it from the server.
 */
export function FlowListView(props: FlowListViewProps) {
  const { orgName, flows, canWrite, open, notice, onAction, onOpenImport, onClose, onSaveDetails, onImport, onCreate, onConfirmDelete, onConfirmUndeploy, initialSearch = '' } = props;
  const id = useId();
  const [search, setSearch] = useState(initialSearch);
  const [order, setOrder] = useState<FlowOrder>('changed');
  const all = flows.state === 'ready' ? flows.data : [];
  const shown = flowsShown(all, search, order);
  return (
    <section className="efs-app__page efs-flows-page" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>Flows of {orgName}</h1>
      <div className="efs-flows-page__toolbar">
        <Field label="Search by name">
          <input type="search" value={search} maxLength={limits.name} onChange={(e) => setSearch(e.target.value)} />
        </Field>
        <Field label="Order">
          <select value={order} onChange={(e) => setOrder(e.target.value as FlowOrder)}>
            <option value="changed">Last change, newest first</option>
            <option value="name">Name, A to Z</option>
          </select>
        </Field>
        {canWrite ? <Button onClick={onOpenImport}>Import flow…</Button> : null}
      </div>
      {notice ? (
        <p className={notice.tone === 'error' ? 'efs-app__alert' : 'efs-flows-page__notice'} role={notice.tone === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </p>
      ) : null}
      {open?.kind === 'details' ? (
        <FlowDetailsForm name={open.flow.name} description={open.flow.description} onCancel={onClose} onSave={(details) => onSaveDetails(open.flow, details)} />
      ) : null}
      {open?.kind === 'import' ? <ImportFlowForm onCancel={onClose} onImport={onImport} /> : null}
      {flows.state === 'error' ? (
        <p className="efs-app__alert" role="alert">
          Could not list the flows: {flows.message}
        </p>
      ) : null}
      {flows.state === 'loading' ? <Spinner label="Loading flows…" /> : null}
      {all.length > 0 && shown.length === 0 ? (
        <EmptyState title={`No flow name holds "${search.trim()}"`}>Search for part of a name, in any case.</EmptyState>
      ) : null}
      {flows.state === 'ready' && all.length === 0 ? (
        <EmptyState title="No flows yet">
          {canWrite ? 'A flow connects algorithms to Kafka topics: create one below, or import a file.' : 'A member of the org creates the flows; they show here.'}
        </EmptyState>
      ) : null}
      {shown.length > 0 ? <FlowTable flows={shown} canWrite={canWrite} onAction={onAction} /> : null}
      {canWrite ? <NewFlowForm onCreate={onCreate} /> : null}
      {open?.kind === 'delete' ? (
        <ConfirmDialog title={`Delete "${open.flow.name}"?`} confirmLabel="Delete flow" onConfirm={() => onConfirmDelete(open.flow)} onCancel={onClose}>
          <p>
            The flow and its {open.flow.revision === 1 ? 'one revision' : `${open.flow.revision.toLocaleString('en')} revisions`} are deleted for good.
            {open.flow.deployedRevision !== null ? ' It is deployed: the server refuses to delete it until it is undeployed.' : ''}
          </p>
        </ConfirmDialog>
      ) : null}
      {open?.kind === 'undeploy' ? (
        <ConfirmDialog title={`Undeploy "${open.flow.name}"?`} confirmLabel="Undeploy" onConfirm={() => onConfirmUndeploy(open.flow)} onCancel={onClose}>
          <p>Its algorithms stop reading and writing the flow's topics, and the ACLs the flow gave are removed. Topics and their records stay.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

/** Names and creates a new flow; a name the model refuses, or the server's refusal, is said under the field. */
export function NewFlowForm({ onCreate, initialName = '' }: { onCreate: (name: string) => Promise<unknown>; initialName?: string }) {
  const [name, setName] = useState(initialName);
  const [problem, setProblem] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = flowNameProblem(name);
    setProblem(found);
    if (found) return;
    setCreating(true);
    try {
      await onCreate(name.trim());
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setCreating(false);
    }
  };
  return (
    <form className="efs-flows-page__new" aria-label="New flow" onSubmit={(e) => void submit(e)} noValidate>
      <Field label="New flow name" error={problem} announce>
        <input
          // No cap: a paste over the limit stays whole, and the sentence says its real length.
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setProblem(null);
          }}
        />
      </Field>
      <Button type="submit" variant="primary" busy={creating}>
        Create flow
      </Button>
    </form>
  );
}
