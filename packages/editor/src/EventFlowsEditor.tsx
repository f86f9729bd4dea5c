import '@xyflow/react/dist/style.css';
import './editor.css';
import type { BindingHistory, Grant } from '@event-flows/model';
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import { FlowCanvas, MessagePathLegend, MessagePathProvider, RevisionDiffLegend, RevisionDiffProvider, useEditorShortcuts, type MessagePathSource, type RevisionDiffSource } from './canvas/index.ts';
import { GroupPanel } from './groups/index.ts';
import { FindPanel, FindProvider } from './find/index.ts';
import { Inspector } from './inspector/index.ts';
import { ArrangeButton } from './layout/index.ts';
import { Palette } from './palette/index.ts';
import type { AccessRequestState } from './plan-review/index.ts';
import { ProblemsPanel, type ProblemsPanelProps } from './problems/index.ts';
import type { BindingStatusView } from './status/index.ts';
import { EditorProvider, useEditorActions, useEditorStore, type EditorInit, type EditorStore, type FiringAlertView } from './store/index.ts';

/** The editor's colour theme. */
export type EditorTheme = 'light' | 'dark';

/** Props of {@link EventFlowsEditor}. */
export interface EventFlowsEditorProps extends Omit<EditorInit, 'readOnly' | 'bindingStatus' | 'bindingHistory' | 'alerts'> {
  /** Show the flow without letting anyone change it (viewers). Default `false`. */
  readOnly?: boolean;
  /** Default `light`. */
  theme?: EditorTheme;
  /** Use this store instead of creating one (tests and stories that drive it). */
  store?: EditorStore;
  /** The live status of the deployed bindings (from the server's status stream); omit when not deployed. */
  status?: readonly BindingStatusView[] | null;
  /** The deployed bindings' recent history (from `runtime.history`): trend arrows on the canvas, charts in the inspector. */
  history?: readonly BindingHistory[] | null;
  /** The alerts firing now (from `alerts.list`): a mark with the rules' names on each binding's subscription and algorithm. */
  alerts?: readonly FiringAlertView[] | null;
  /**
   * Show the palette and the inspector/problems column beside the canvas. Default `true`; a page that
   * opens a panel of its own beside the editor hides them, so the canvas keeps most of the width.
   */
  sidePanels?: boolean;
  /** An earlier revision whose changes against the document the canvas shows (added, removed, changed); `null` for none. */
  revisionDiff?: RevisionDiffSource | null;
  /** A followed message's path the canvas shows (its nodes and edges marked, the rest dimmed); `null` for none. */
  messagePath?: MessagePathSource | null;
  /** The newest request filed for each grant the flow needs (from the server), for the problems panel; omit while not known. */
  accessRequests?: readonly AccessRequestState[] | undefined;
  /** Asks a cluster admin for the grants the flow lacks (the problems panel's "Request access for all"); omit to hide it. */
  onRequestAccess?: ((grants: Grant[]) => void) | undefined;
}

/**
 * The flow editor: palette, canvas, inspector and problems around one store of its own. Its styles apply only inside
 * its root element (`.efs-editor`), themed through CSS variables.
 */
export function EventFlowsEditor({ readOnly = false, theme = 'light', store, status = null, history = null, alerts = null, sidePanels = true, revisionDiff = null, messagePath = null, accessRequests, onRequestAccess, ...init }: EventFlowsEditorProps) {
  return (
    <EditorProvider {...init} readOnly={readOnly} bindingStatus={status} bindingHistory={history} alerts={alerts} {...(store ? { store } : {})}>
      <FindProvider>
        <ReactFlowProvider>
          <RevisionDiffProvider source={revisionDiff}>
            <MessagePathProvider source={messagePath}>
              <EditorLayout theme={theme} readOnly={readOnly} status={status} history={history} alerts={alerts} sidePanels={sidePanels} problems={{ accessRequests, onRequestAccess }} />
            </MessagePathProvider>
          </RevisionDiffProvider>
        </ReactFlowProvider>
      </FindProvider>
    </EditorProvider>
  );
}

interface EditorLayoutProps {
  theme: EditorTheme;
  readOnly: boolean;
  status: readonly BindingStatusView[] | null;
  history: readonly BindingHistory[] | null;
  alerts: readonly FiringAlertView[] | null;
  sidePanels: boolean;
  problems: ProblemsPanelProps;
}

function EditorLayout({ theme, readOnly: readOnlyProp, status, history, alerts, sidePanels, problems }: EditorLayoutProps) {
  const readOnly = useEditorStore((s) => s.readOnly);
  const actions = useEditorActions();
  // The status stream is server data; the store only mirrors the latest value for the node views.
  useEffect(() => actions.setBindingStatus(status), [actions, status]);
  useEffect(() => actions.setBindingHistory(history), [actions, history]);
  useEffect(() => actions.setAlerts(alerts), [actions, alerts]);
  // The store is created once; a later change of the prop (a viewer's rights, a story's control) still counts.
  useEffect(() => actions.setReadOnly(readOnlyProp), [actions, readOnlyProp]);
  const onKeyDown = useEditorShortcuts();
  return (
    <div className="efs-editor" data-theme={theme} data-readonly={readOnly} tabIndex={-1} onKeyDown={onKeyDown}>
      {readOnly || !sidePanels ? null : <Palette />}
      <FlowCanvas colorMode={theme}>
        <ArrangeButton />
        <RevisionDiffLegend />
        <MessagePathLegend />
        <GroupPanel />
        <FindPanel />
      </FlowCanvas>
      {sidePanels ? (
        <aside className="efs-sidebar" aria-label="Flow details">
          <Inspector />
          <ProblemsPanel {...problems} />
        </aside>
      ) : null}
    </div>
  );
}
