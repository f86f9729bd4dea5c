import { useStudioChanges, useTRPC } from '@event-flows/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { loadable } from '../app/loadable.ts';
import { messageOf, useStudio } from '../app/StudioContext.ts';
import { downloadText, exportFileName } from './downloadText.ts';
import type { FlowRow } from './flowListView.ts';
import { FlowListView, type FlowListNotice, type FlowListOpen } from './FlowListView.tsx';
import type { FlowAction } from './FlowTable.tsx';

/**
 * The org's flows: searchable by name, ordered by name or last change, each with its revision,
 * deployed revision and last change; members rename, describe, duplicate, export, import, undeploy
 * and delete from here. Feeds {@link FlowListView} from the server.
 */
export function FlowListPage({ onOpen }: { onOpen: (id: string) => void }) {
  const { orgId, me } = useStudio();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useStudioChanges(orgId);
  const flows = useQuery(trpc.flows.list.queryOptions({ orgId }));
  const [open, setOpen] = useState<FlowListOpen>(null);
  const [notice, setNotice] = useState<FlowListNotice>(null);
  const canWrite = me.user.role !== 'viewer';
  const orgName = me.orgs.find((o) => o.id === orgId)?.name ?? orgId;
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.flows.list.pathKey() });
  const rename = useMutation(trpc.flows.rename.mutationOptions());
  const duplicate = useMutation(trpc.flows.duplicate.mutationOptions());
  const remove = useMutation(trpc.flows.delete.mutationOptions());
  const undeploy = useMutation(trpc.flows.undeploy.mutationOptions());
  const importFlow = useMutation(trpc.flows.import.mutationOptions());
  const create = useMutation(trpc.flows.create.mutationOptions());

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

  /** Runs a form's call; a refusal becomes the sentence the form shows. */
  const worded = async <T,>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      throw new Error(messageOf(error), { cause: error });
    }
  };

  return (
    <FlowListView
      orgName={orgName}
      flows={loadable(flows)}
      canWrite={canWrite}
      open={open}
      notice={notice}
      onAction={(action, flow) => void act(action, flow)}
      onOpenImport={() => setOpen({ kind: 'import' })}
      onClose={() => setOpen(null)}
      onSaveDetails={(flow, details) =>
        worded(async () => {
          const saved = await rename.mutateAsync({ id: flow.id, baseRevision: flow.revision, ...details });
          await refresh();
          setOpen(null);
          setNotice({ tone: 'ok', text: `Saved "${saved.name}" as revision ${saved.revision}.` });
        })
      }
      onImport={(text) =>
        worded(async () => {
          const flow = await importFlow.mutateAsync({ orgId, text });
          await refresh();
          setOpen(null);
          setNotice({ tone: 'ok', text: `Imported "${flow.name}".` });
        })
      }
      onCreate={(name) =>
        worded(async () => {
          const flow = await create.mutateAsync({ orgId, name });
          await refresh();
          onOpen(flow.id);
        })
      }
      onConfirmDelete={(flow) => void confirmDelete(flow)}
      onConfirmUndeploy={(flow) => void confirmUndeploy(flow)}
    />
  );
}
