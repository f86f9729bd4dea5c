import { useCallback, useRef, useState } from 'react';
import { ConnectionsPage } from '../admin/ConnectionsPage.tsx';
import { DiscoverPage } from '../admin/DiscoverPage.tsx';
import { GrantRequestsPage } from '../admin/GrantRequestsPage.tsx';
import { GrantsPage } from '../admin/GrantsPage.tsx';
import { PendingRequestsCount } from '../admin/PendingRequestsCount.tsx';
import { PlatformListeners } from '../admin/PlatformListeners.tsx';
import { RedriveGrantsPage } from '../admin/RedriveGrantsPage.tsx';
import { AuditPage } from '../audit/AuditPage.tsx';
import { useDiscardGuard } from '../flows/DiscardEditsDialog.tsx';
import { FlowListPage } from '../flows/FlowListPage.tsx';
import { FlowPage } from '../flows/FlowPage.tsx';
import type { StudioPage } from './studioAddress.ts';
import { useStudio } from './StudioContext.ts';
import { StudioFrame } from './StudioFrame.tsx';
import { isAdminPage, studioNavigation } from './studioNav.ts';
import type { StudioRouting } from './studioOptions.ts';
import { useStudioPage } from './useStudioPage.ts';

/**
 * The full studio: the flow list and the flow editor, and the admin screens for cluster admins. With
 * `routing: 'hash'` each page (and a flow's open panel) has an address of its own.
 */
export function StudioShell({ routing, onSignOut }: { routing: StudioRouting; onSignOut: (() => void) | undefined }) {
  const { me, emit, themeChoice, chooseTheme } = useStudio();
  // Told by the open flow; a ref, as only navigation reads it.
  const unsavedEdits = useRef(false);
  const onUnsavedEdits = useCallback((unsaved: boolean) => {
    unsavedEdits.current = unsaved;
  }, []);
  const discard = useDiscardGuard(() => unsavedEdits.current);
  const leaveFlow = (leave: () => void) => discard.guard({ action: 'Leaving the flow', confirmLabel: 'Leave without saving', run: leave });
  // Set when the address named an admin page to someone who is not a cluster admin; cleared by the next page.
  const [refused, setRefused] = useState(false);
  const { page, go, setPanel, setDiscoverView } = useStudioPage({
    routing,
    allowed: (p: StudioPage) => me.user.role === 'admin' || !isAdminPage(p.name),
    unsavedEdits: () => unsavedEdits.current,
    confirmLeave: leaveFlow,
    onNavigated: (next) => {
      setRefused(false);
      emit({ type: 'navigated', page: next.name === 'flow' ? `flow:${next.id}` : next.name });
    },
    onRefused: () => setRefused(true),
  });
  return (
    <StudioFrame
      nav={studioNavigation(me.user.role, page.name, <PendingRequestsCount />)}
      onNavigate={(name) => go({ name })}
      person={{ name: me.user.name, role: me.user.role }}
      themeChoice={themeChoice}
      onChooseTheme={chooseTheme}
      onSignOut={onSignOut ? () => leaveFlow(onSignOut) : undefined}
    >
      {refused ? (
        <p className="efs-app__refused" role="status">
          That page is for cluster admins.
        </p>
      ) : null}
      {page.name === 'flows' ? <FlowListPage onOpen={(id) => go({ name: 'flow', id, panel: null })} /> : null}
      {page.name === 'flow' ? (
        <FlowPage
          key={page.id}
          flowId={page.id}
          panel={page.panel}
          follow={page.follow}
          onPanel={(panel, follow) => setPanel(page.id, panel, follow)}
          onBack={() => go({ name: 'flows' })}
          onUnsavedEdits={onUnsavedEdits}
        />
      ) : null}
      {page.name === 'connections' ? <ConnectionsPage /> : null}
      {page.name === 'grants' ? <GrantsPage /> : null}
      {page.name === 'grant-requests' ? <GrantRequestsPage /> : null}
      {page.name === 'redrive-grants' ? <RedriveGrantsPage /> : null}
      {page.name === 'discover' ? <DiscoverPage view={page.view} onView={setDiscoverView} onOpenFlow={(id) => go({ name: 'flow', id, panel: null })} /> : null}
      {page.name === 'platform-listeners' ? <PlatformListeners onOpenFlow={(id) => go({ name: 'flow', id, panel: null })} /> : null}
      {page.name === 'audit' ? <AuditPage /> : null}
      {discard.dialog}
    </StudioFrame>
  );
}
