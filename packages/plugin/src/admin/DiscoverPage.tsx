import { useTRPC } from '@event-flows/client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useStudio } from '../app/StudioContext.ts';
import type { DiscoverView } from '../app/studioAddress.ts';
import { AdoptDialog } from './AdoptDialog.tsx';
import { discoverKinds, DiscoverPageView, type ChosenItem, type DiscoveredPage, type DiscoverKind } from './DiscoverPageView.tsx';
import { loadedOf, type Loaded } from './loaded.ts';

/** How many items one page of discovery shows. */
export const discoverPageSize = 50;

/** What Discover's page needs from the studio around it. */
export interface DiscoverPageProps {
  /** What is shown (kept in the address); `undefined` is the default view. */
  view: DiscoverView | undefined;
  onView: (view: DiscoverView | undefined) => void;
  onOpenFlow: (flowId: string) => void;
}

/**
 * Cluster admins and members: what already runs on a connection, leaving items alone and adopting
 * them. The server keeps its scan of the cluster (one batched pass) a short while: pages, searches and
 * kinds read it, and Rescan reads the cluster again. Feeds {@link DiscoverPageView}.
 */
export function DiscoverPage({ view, onView, onOpenFlow }: DiscoverPageProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Every signed-in person's list of connections (names only): members use Discover too.
  const connections = useQuery(trpc.catalog.connections.queryOptions());
  const { me } = useStudio();
  const connection = view?.connection ?? connections.data?.[0]?.id ?? '';
  const kind: DiscoverKind = view?.kind ?? 'topics';
  const search = view?.search ?? '';
  const cursor = view?.after?.at(-1);
  const input = { connection, limit: discoverPageSize, ...(search.trim() ? { search: search.trim() } : {}), ...(view?.status ? { status: view.status } : {}), ...(cursor ? { cursor } : {}) };
  const options = { enabled: connection !== '', retry: false, placeholderData: keepPreviousData } as const;
  const topics = useQuery({ ...trpc.discover.topics.queryOptions(input), ...options, enabled: options.enabled && kind === 'topics' });
  const acls = useQuery({ ...trpc.discover.acls.queryOptions(input), ...options, enabled: options.enabled && kind === 'acls' });
  const groups = useQuery({ ...trpc.discover.groups.queryOptions(input), ...options, enabled: options.enabled && kind === 'groups' });
  const page = (data: Omit<DiscoveredPage, 'rows'>, rows: DiscoveredPage['rows']): DiscoveredPage => ({ rows, counts: data.counts, authorizer: data.authorizer, nextCursor: data.nextCursor, scannedAt: data.scannedAt });
  const shown: Loaded<DiscoveredPage> =
    kind === 'topics'
      ? loadedOf({ data: topics.data && page(topics.data, { kind, items: topics.data.items }), error: topics.error })
      : kind === 'acls'
        ? loadedOf({ data: acls.data && page(acls.data, { kind, items: acls.data.items }), error: acls.error })
        : loadedOf({ data: groups.data && page(groups.data, { kind, items: groups.data.items }), error: groups.error });

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.discover.pathKey() });
  const onRescan = async () => {
    // One scan serves every kind: one small page asks for it, the server keeps it, every list then reads it.
    await queryClient.fetchQuery({ ...trpc.discover.topics.queryOptions({ connection, limit: 1, rescan: true }), staleTime: 0 });
    await refresh();
  };
  const mark = useMutation(trpc.discover.leaveAlone.mutationOptions());
  const onMark = async (items: readonly ChosenItem[], leave: boolean) => {
    for (const k of discoverKinds) {
      const names = items.filter((item) => item.kind === k.kind).map((item) => item.name);
      if (names.length > 0) await mark.mutateAsync({ connection, kind: k.markKind, names, leftAlone: leave });
    }
    await refresh();
  };

  return (
    <DiscoverPageView
      connections={loadedOf(connections)}
      view={view}
      onView={onView}
      connection={connection}
      shown={shown}
      role={me.user.role}
      onMark={onMark}
      onRescan={onRescan}
      onOpenFlow={onOpenFlow}
      adoptDialog={(choice, onClose) => (
        <AdoptDialog
          choice={choice}
          onOpenFlow={onOpenFlow}
          onClose={(adopted) => {
            onClose(adopted);
            // What was adopted now shows as "adopted · not deployed": the server scans again.
            if (adopted) void refresh();
          }}
        />
      )}
    />
  );
}
