import { useBindingHistory, useBindingStatus, useFlow, useSaveFlow, useTRPC, type FlowView } from '@event-flows/client';
import { Button, createEditorStore, type EditorStore, EventFlowsEditor } from '@event-flows/editor';
import type { Drift, FlowGraph, Grant, MessagePath } from '@event-flows/model';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { FlowPanel, FollowTarget } from '../app/studioAddress.ts';
import { messageOf, useStudio } from '../app/StudioContext.ts';
import { DeployPanel } from '../deploy/DeployPanel.tsx';
import { AlertsPanel } from '../deploy/AlertsPanel.tsx';
import { useFiringAlerts } from '../deploy/useFiringAlerts.ts';
import { DlqPanel } from '../deploy/DlqPanel.tsx';
import { FollowPanel, followLabel } from '../deploy/FollowPanel.tsx';
import { HistoryPanel, type RevisionChanges } from '../deploy/HistoryPanel.tsx';
import { LiveCounts } from '../deploy/LiveCounts.tsx';
import { TestMessagePanel } from '../deploy/TestMessagePanel.tsx';
import { useRequestAccess } from '../deploy/useRequestAccess.ts';
import { ConflictDialog } from './ConflictDialog.tsx';
import { deployedBadge } from './deployedBadge.ts';
import { useFlowChanges, useOwnWrites } from './useFlowChanges.ts';
import { useDeployedDrift } from './useDeployedDrift.ts';
import { useNotice } from './useNotice.ts';
import { WhoSaved } from './WhoSaved.tsx';

/** The editor as loaded from one revision: a store made once, replaced only by an explicit reload. */
interface Loaded {
  store: EditorStore;
  /** Counts reloads, so that the editor is mounted anew around each new store. */
  generation: number;
  baseRevision: number;
  savedGraph: FlowGraph;
}

/**
 * One flow: the editor with Save (optimistic, with a conflict dialog), plan review and deploy with
 * streamed progress, live status on the canvas, test messages, the DLQ viewer and the history.
 * Tells `onUnsavedEdits` whether it holds unsaved edits, and while it does the browser asks before
 * the page unloads. The open panel is the page's (`panel`, changed through `onPanel`), so that it
 * can have an address.
 */
export function FlowPage({
  flowId,
  panel,
  follow,
  onPanel: setPanel,
  onBack,
  onUnsavedEdits,
}: {
  flowId: string;
  panel: FlowPanel | null;
  /** The record the follow panel follows, from the address. */
  follow?: FollowTarget | undefined;
  onPanel: (panel: FlowPanel | null, follow?: FollowTarget) => void;
  onBack: () => void;
  onUnsavedEdits: (unsaved: boolean) => void;
}) {
  const { orgId, me, theme, emit } = useStudio();
  const trpc = useTRPC();
  const flow = useFlow(flowId);
  const catalog = useQuery(trpc.catalog.get.queryOptions({ orgId }));
  const status = useBindingStatus(orgId, flowId);
  const history = useBindingHistory(orgId, flowId);
  const alerts = useFiringAlerts(flowId);
  const saving = useSaveFlow();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const readOnly = me.user.role === 'viewer';
  const own = useOwnWrites();
  // A revision's changes shown on the canvas, from the history panel, while that panel is open.
  const [shownChanges, setShownChanges] = useState<RevisionChanges | null>(null);
  useEffect(() => {
    if (panel !== 'history') setShownChanges(null);
  }, [panel]);
  // A followed message's path drawn on the canvas while the follow panel shows it.
  const [followedPath, setFollowedPath] = useState<MessagePath | null>(null);
  const showPath = useCallback((path: MessagePath | null) => setFollowedPath(path), []);
  const messagePath = useMemo(
    () => followedPath && follow && { label: followLabel(follow), path: followedPath, onHide: () => setPanel(null) },
    [followedPath, follow, setPanel],
  );
  const revisionDiff = useMemo(
    () => shownChanges && { label: `revision ${shownChanges.revision}`, graph: shownChanges.graph, onHide: () => setShownChanges(null) },
    [shownChanges],
  );

  const load = (view: Pick<FlowView, 'graph' | 'revision'>) => {
    if (!catalog.data) return;
    const store = createEditorStore({ flowId, graph: view.graph, catalog: catalog.data.catalog, actor: { role: me.user.role, orgId }, readOnly });
    setLoaded((previous) => ({ store, generation: (previous?.generation ?? 0) + 1, baseRevision: view.revision, savedGraph: view.graph }));
  };
  // The store is made from the first revision that arrives; later cache changes (optimistic saves) must not replace it.
  useEffect(() => {
    if (!loaded && flow.data && catalog.data) load(flow.data);
  }, [loaded, flow.data, catalog.data]);

  const graph = useSyncExternalStore(
    (listener) => loaded?.store.subscribe(listener) ?? (() => undefined),
    () => loaded?.store.getState().graph,
  );
  const dirty = loaded !== null && graph !== loaded.savedGraph;
  const notice = useNotice(graph);
  // Drift marks on the canvas: the plan's while the plan panel is open (it plans the saved revision),
  // else the deployed revision's, asked for while the page is open.
  const deployedDrift = useDeployedDrift(flowId, flow.data?.deployedRevision);
  const [planDrift, setPlanDrift] = useState<readonly Drift[] | null>(null);
  useEffect(() => {
    loaded?.store.getState().actions.setDrift(planDrift ?? deployedDrift ?? null);
  }, [loaded, planDrift, deployedDrift]);
  // The problems panel's "Request access for all", as the plan review's (which the Deploy panel shows).
  const access = useRequestAccess(flowId);
  const { newer } = useFlowChanges({
    orgId,
    flow: flow.data,
    catalog: catalog.data?.catalog,
    editor: loaded,
    dirty,
    writing: own.writing || saving.isPending,
    onTheirs: (theirs) => {
      load(theirs);
      notice.show(
        <>
          <WhoSaved flow={theirs} /> saved revision {theirs.revision}.
        </>,
        theirs.graph,
      );
    },
  });
  useEffect(() => {
    onUnsavedEdits(dirty);
    if (!dirty) return undefined;
    const askBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', askBeforeUnload);
    return () => {
      window.removeEventListener('beforeunload', askBeforeUnload);
      onUnsavedEdits(false);
    };
  }, [dirty, onUnsavedEdits]);

  if (flow.error || catalog.error) return <p role="alert">{messageOf(flow.error ?? catalog.error)}</p>;
  if (!flow.data || !loaded || !graph) return <p className="efs-app__note">Loading the flow…</p>;
  const view = flow.data;

  /** Records a save that went through: the server holds `sent` as `revision`; later edits stay unsaved. */
  const recordSaved = (sent: FlowGraph, revision: number, note: string) => {
    setLoaded((current) => current && { ...current, baseRevision: revision, savedGraph: sent });
    notice.show(note, sent);
    emit({ type: 'flow-saved', flowId, revision });
  };

  const save = (): Promise<number | null> =>
    own.track(async () => {
      if (!dirty) return loaded.baseRevision;
      try {
        const outcome = await saving.save({ id: flowId, baseRevision: loaded.baseRevision, name: view.name, description: view.description, graph });
        if (outcome.status === 'conflict') return null;
        recordSaved(graph, outcome.flow.revision, `Saved revision ${outcome.flow.revision}.`);
        return outcome.flow.revision;
      } catch (error) {
        notice.show(`Save failed: ${messageOf(error)}`, graph, 'error');
        return null;
      }
    });

  const keepMine = () =>
    own.track(async () => {
      // The dialog leaves the editor usable: what goes on top of theirs is the graph as it is now, and
      // only that is saved (an edit made while this save is under way stays unsaved).
      const sent = loaded.store.getState().graph;
      try {
        const outcome = await saving.keepMine(sent);
        if (outcome.status === 'saved') recordSaved(sent, outcome.flow.revision, `Saved revision ${outcome.flow.revision} on top of theirs.`);
      } catch (error) {
        notice.show(`Save failed: ${messageOf(error)}`, sent, 'error');
      }
    });
  const reloadTheirs = () => {
    const theirs = saving.reloadTheirs();
    if (!theirs) return;
    load(theirs);
    notice.show(`Reloaded revision ${theirs.revision}.`, theirs.graph);
  };
  /** Drops the unsaved edits for the newer revision someone else saved meanwhile. */
  const loadNewer = (theirs: FlowView) => {
    load(theirs);
    notice.show(`Loaded revision ${theirs.revision}.`, theirs.graph);
  };

  /** Saves first (a request is for the saved flow's plan), then asks for the grants the problems panel found missing. */
  const requestAccess = async (grants: Grant[]) => {
    const revision = await save();
    if (revision === null || grants.length === 0) return;
    const said = await access.request(grants);
    notice.show(said.text, loaded.store.getState().graph, said.tone);
  };

  const openPlan = async () => {
    const revision = await save();
    if (revision !== null) setPanel('plan');
  };

  return (
    <section className="efs-app__flow" aria-label={`Flow ${view.name}`}>
      <div className="efs-app__toolbar" role="toolbar" aria-label="Flow actions">
        <Button onClick={onBack}>← Flows</Button>
        {/* The name and the status take the room the buttons leave, cut short rather than pushing a button to a new row. */}
        <div className="efs-app__flow-title">
          <h1 className="efs-app__flow-name" title={view.name}>
            {view.name}
          </h1>
          <span className="efs-app__muted efs-app__flow-status" aria-live="polite">
            revision {loaded.baseRevision}
            {dirty ? ' · unsaved changes' : ''}
            {deployedBadge(view.deployedRevision, loaded.baseRevision)}
          </span>
        </div>
        {readOnly ? null : (
          <>
            <Button variant="primary" onClick={() => void save()} disabled={!dirty || saving.isPending}>
              Save
            </Button>
            {/* Review plan saves first: while a save is under way a second one would start from the revision before it and conflict with it. */}
            <Button onClick={() => void openPlan()} aria-pressed={panel === 'plan'} disabled={saving.isPending}>
              Review plan
            </Button>
            <Button onClick={() => setPanel(panel === 'test-message' ? null : 'test-message')} aria-pressed={panel === 'test-message'}>
              Send test message
            </Button>
          </>
        )}
        <Button onClick={() => setPanel(panel === 'follow' ? null : 'follow')} aria-pressed={panel === 'follow'}>
          Follow a message
        </Button>
        <Button onClick={() => setPanel(panel === 'dlq' ? null : 'dlq')} aria-pressed={panel === 'dlq'}>
          Dead letters
        </Button>
        <Button onClick={() => setPanel(panel === 'alerts' ? null : 'alerts')} aria-pressed={panel === 'alerts'}>
          Alerts
        </Button>
        <Button onClick={() => setPanel(panel === 'history' ? null : 'history')} aria-pressed={panel === 'history'}>
          History
        </Button>
      </div>
      {saving.conflict ? <ConflictDialog conflict={saving.conflict} onKeepMine={() => void keepMine()} onReloadTheirs={reloadTheirs} /> : null}
      <div className="efs-app__workspace">
        <div className="efs-app__editor">
          {/* Over the canvas's top rather than above it, so a notice coming and going does not move the canvas. */}
          <div className="efs-app__flow-notices">
            {notice.text ? (
              <p className="efs-app__notice" role={notice.tone === 'error' ? 'alert' : 'status'}>
                {notice.text}
              </p>
            ) : null}
            {newer && !saving.conflict ? (
              <p className="efs-app__notice efs-app__notice--newer" role="status">
                <WhoSaved flow={newer} /> saved revision {newer.revision}. Your unsaved edits are kept; saving them lets you choose between yours and theirs.{' '}
                <Button size="small" onClick={() => loadNewer(newer)}>
                  Reload theirs
                </Button>
              </p>
            ) : null}
          </div>
          <EventFlowsEditor
            key={loaded.generation}
            store={loaded.store}
            graph={graph}
            catalog={loaded.store.getState().catalog}
            actor={loaded.store.getState().actor}
            readOnly={readOnly}
            theme={theme}
            status={status.statuses}
            history={history}
            alerts={alerts}
            sidePanels={panel === null}
            revisionDiff={revisionDiff}
            messagePath={panel === 'follow' ? messagePath : null}
            {...(readOnly ? {} : { accessRequests: access.accessRequests, onRequestAccess: (grants: Grant[]) => void requestAccess(grants) })}
          />
        </div>
        {panel ? (
          <aside className="efs-app__panel" aria-label="Flow panel">
            <Button size="small" className="efs-app__close" aria-label="Close panel" onClick={() => setPanel(null)}>
              ×
            </Button>
            {panel === 'plan' ? (
              <DeployPanel
                flowId={flowId}
                onDrift={setPlanDrift}
                {...(readOnly ? {} : { onTakeLiveValue: (drift: Drift) => loaded.store.getState().actions.takeLiveValue(drift) })}
              />
            ) : null}
            {panel === 'test-message' ? <TestMessagePanel graph={graph} onFollow={(target) => setPanel('follow', target)} /> : null}
            {panel === 'follow' ? (
              <FollowPanel key={follow ? JSON.stringify(follow) : ''} flowId={flowId} graph={graph} target={follow} onFollow={(target) => setPanel('follow', target)} onPath={showPath} />
            ) : null}
            {panel === 'dlq' ? <DlqPanel graph={graph} /> : null}
            {panel === 'alerts' ? <AlertsPanel flowId={flowId} graph={graph} /> : null}
            {panel === 'history' ? (
              <HistoryPanel
                flowId={flowId}
                currentRevision={loaded.baseRevision}
                unsavedEdits={dirty}
                track={own.track}
                onRolledBack={(rolled) => load(rolled)}
                shownRevision={shownChanges?.revision ?? null}
                onShowChanges={setShownChanges}
              />
            ) : null}
          </aside>
        ) : null}
      </div>
      <LiveCounts statuses={status.statuses} state={status.state} histories={history} />
    </section>
  );
}
