import './flowManagement.css';
import { useStudioChanges, useTRPC } from '@event-flows/client';
import { Button, ConfirmDialog, EmptyState } from '@event-flows/editor';
import { limits } from '@event-flows/model';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { messageOf, useStudio } from '../app/StudioContext.ts';
import { downloadText, exportFileName } from './downloadText.ts';
import { flowNameProblem } from './flowFields.ts';
import { flowsShown, type FlowOrder, type FlowRow } from './flowListView.ts';
import { FlowDetailsForm } from './FlowDetailsForm.tsx';
import { FlowTable, type FlowAction } from './FlowTable.tsx';
import { ImportFlowForm } from './ImportFlowForm.tsx';

type Open = { kind: 'details'; flow: FlowRow } | { kind: 'import' } | { kind: 'delete'; flow: FlowRow } | { kind: 'undeploy'; flow: FlowRow } | null;
type Notice = { tone: 'ok' | 'error'; text: string } | null;

/**
 * The org's flows: searchable by name, ordered by name or last change, each with its revision,
 * deployed revision and last change; members rename, describe, duplicate, export, import, undeploy
 * and delete from here.
 */
export function FlowListPage({ onOpen }: { onOpen: (id: string) => void }) {
  const { orgId, me } = useStudio();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useStudioChanges(orgId);
  const flows = useQuery(trpc.flows.list.queryOptions({ orgId }));
  const [search, setSearch] = useState('');
  const [order, setOrder] = useState<FlowOrder>('changed');
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const id = useId();
  const canWrite = me.user.role !== 'viewer';
  const orgName = me.orgs.find((o) => o.id === orgId)?.name ?? orgId;
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.flows.list.pathKey() });
  const rename = useMutation(trpc.flows.rename.mutationOptions());
  const duplicate = useMutation(trpc.flows.duplicate.mutationOptions());
  const remove = useMutation(trpc.flows.delete.mutationOptions());
  const undeploy = useMutation(trpc.flows.undeploy.mutationOptions());
  const importFlow = useMutation(trpc.flows.import.mutationOptions());

  const act = async (action: FlowAction, flow: FlowRow) => {
    setNotice(null);
    try {
      if (action === 'open') onOpen(flow.id);
      else if (action === 'details' || action === 'delete' || action === 'undeploy') setOpen({ kind: action, flow });
      else if (action === 'duplicate') {
        const copy = await duplicate.mutateAsync({ id: flow.id });
        await refresh();
        setNotice({ tone: 'ok', text: `Duplicated "${flow.name}" as "${copy.name}".` });
      } else {
        const format = action === 'export-json' ? 'json' : 'yaml';
        const exported = await queryClient.fetchQuery(trpc.flows.export.queryOptions({ id: flow.id, format }));
        downloadText(exported.text, exportFileName(flow.name, format), format === 'json' ? 'application/json' : 'application/yaml');
        setNotice({ tone: 'ok', text: `Exported "${flow.name}" as ${format.toUpperCase()}.` });
      }
    } catch (error) {
      setNotice({ tone: 'error', text: messageOf(error) });
    }
  };

  const confirmDelete = async (flow: FlowRow) => {
    setOpen(null);
    try {
      await remove.mutateAsync({ id: flow.id });
      await refresh();
      setNotice({ tone: 'ok', text: `Deleted "${flow.name}".` });
    } catch (error) {
      setNotice({ tone: 'error', text: `"${flow.name}" was not deleted. ${messageOf(error)}` });
    }
  };

  const confirmUndeploy = async (flow: FlowRow) => {
    setOpen(null);
    setNotice({ tone: 'ok', text: `Undeploying "${flow.name}"…` });
    try {
      const result = await undeploy.mutateAsync({ id: flow.id });
      await refresh();
      if (result.status === 'deployed') setNotice({ tone: 'ok', text: `Undeployed "${flow.name}": ${result.deployment.summary}` });
      else if (result.status === 'failed') setNotice({ tone: 'error', text: `The undeploy of "${flow.name}" failed: ${result.error}` });
      else if (result.status === 'needs-grants') setNotice({ tone: 'error', text: result.message });
      else setNotice({ tone: 'error', text: `"${flow.name}" cannot be undeployed as it is; open it to see the problems.` });
    } catch (error) {
      setNotice({ tone: 'error', text: messageOf(error) });
    }
  };

  const shown = flowsShown(flows.data ?? [], search, order);
  return (
    <section className="efs-app__page" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>Flows of {orgName}</h1>
      <div className="efs-app__toolbar">
        <label htmlFor={`${id}-search`}>Search by name</label>
        <input id={`${id}-search`} type="search" value={search} maxLength={limits.name} onChange={(e) => setSearch(e.target.value)} />
        <label htmlFor={`${id}-order`}>Order</label>
        <select id={`${id}-order`} value={order} onChange={(e) => setOrder(e.target.value as FlowOrder)}>
          <option value="changed">Last change, newest first</option>
          <option value="name">Name, A to Z</option>
        </select>
        {canWrite ? (
          <Button onClick={() => setOpen({ kind: 'import' })}>Import flow…</Button>
        ) : null}
      </div>
      {notice ? (
        <p className={notice.tone === 'error' ? 'efs-app__problem' : 'efs-app__note'} role={notice.tone === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </p>
      ) : null}
      {open?.kind === 'details' ? (
        <FlowDetailsForm
          name={open.flow.name}
          description={open.flow.description}
          onCancel={() => setOpen(null)}
          onSave={async (details) => {
            const saved = await rename.mutateAsync({ id: open.flow.id, baseRevision: open.flow.revision, ...details });
            await refresh();
            setOpen(null);
            setNotice({ tone: 'ok', text: `Saved "${saved.name}" as revision ${saved.revision}.` });
          }}
        />
      ) : null}
      {open?.kind === 'import' ? (
        <ImportFlowForm
          onCancel={() => setOpen(null)}
          onImport={async (text) => {
            const flow = await importFlow.mutateAsync({ orgId, text });
            await refresh();
            setOpen(null);
            setNotice({ tone: 'ok', text: `Imported "${flow.name}".` });
          }}
        />
      ) : null}
      {flows.error ? <p role="alert">{messageOf(flows.error)}</p> : null}
      {flows.isPending ? <p className="efs-app__note">Loading flows…</p> : null}
      {flows.data && flows.data.length > 0 && shown.length === 0 ? <p className="efs-app__note">No flow name holds "{search.trim()}".</p> : null}
      {flows.data?.length === 0 ? (
        <EmptyState title="No flows yet">
          {canWrite ? 'A flow connects algorithms to Kafka topics: create one below, or import a file.' : 'A member of the org creates the flows; they show here.'}
        </EmptyState>
      ) : null}
      {shown.length > 0 ? <FlowTable flows={shown} canWrite={canWrite} onAction={(action, flow) => void act(action, flow)} /> : null}
      {canWrite ? <NewFlowForm onCreated={onOpen} /> : null}
      {open?.kind === 'delete' ? (
        <ConfirmDialog title={`Delete "${open.flow.name}"?`} confirmLabel="Delete flow" onConfirm={() => void confirmDelete(open.flow)} onCancel={() => setOpen(null)}>
          <p>
            The flow and its {open.flow.revision === 1 ? 'one revision' : `${open.flow.revision} revisions`} are deleted for good.
            {open.flow.deployedRevision !== null ? ' It is deployed: the server refuses to delete it until it is undeployed.' : ''}
          </p>
        </ConfirmDialog>
      ) : null}
      {open?.kind === 'undeploy' ? (
        <ConfirmDialog title={`Undeploy "${open.flow.name}"?`} confirmLabel="Undeploy" onConfirm={() => void confirmUndeploy(open.flow)} onCancel={() => setOpen(null)}>
          <p>Its algorithms stop reading and writing the flow's topics, and the ACLs the flow gave are removed. Topics and their records stay.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function NewFlowForm({ onCreated }: { onCreated: (id: string) => void }) {
  const { orgId } = useStudio();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.flows.create.mutationOptions());
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = flowNameProblem(name);
    setProblem(found);
    if (found) return;
    try {
      const flow = await create.mutateAsync({ orgId, name: name.trim() });
      await queryClient.invalidateQueries({ queryKey: trpc.flows.list.pathKey() });
      onCreated(flow.id);
    } catch (error) {
      setProblem(messageOf(error));
    }
  };
  return (
    <form className="efs-app__inline-form" onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor={id}>New flow name</label>
      <input
        id={id}
        value={name}
        maxLength={limits.name * 2}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-note` : undefined}
        onChange={(e) => {
          setName(e.target.value);
          setProblem(null);
        }}
      />
      <Button type="submit" variant="primary" busy={create.isPending}>
        Create flow
      </Button>
      {problem ? (
        <span id={`${id}-note`} className="efs-app__problem" role="alert">
          {problem}
        </span>
      ) : null}
    </form>
  );
}
