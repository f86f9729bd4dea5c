import type { ReactNode } from 'react';
import type { StudioPage } from './studioAddress.ts';

/** A page the navigation can show: one without a view of its own to carry (not a flow, not Discover's filter). */
export type StudioNavPage = Exclude<StudioPage['name'], 'flow'>;

/** One entry of the studio's navigation. */
export interface StudioNavItem {
  /** The page a click shows ("Admin" shows the first admin page). */
  page: StudioNavPage;
  label: string;
  /**
   * `'page'` on the entry of the page shown (Flows also while a flow is open); `'true'` on "Admin"
   * while one of its pages is shown, as `aria-current` says "the current item of a set".
   */
  current?: 'page' | 'true';
  /** Shown after the label: a count asking for attention (pending grant requests). */
  badge?: ReactNode;
}

/** The studio's navigation: the header's entries and, while an admin page is shown, the admin pages' row. */
export interface StudioNavigation {
  main: StudioNavItem[];
  /** The admin pages, shown under the header while one of them is open; `null` otherwise. */
  admin: StudioNavItem[] | null;
}

/** Everyone's pages, in the header. Discover and the platform's listeners: the server shows a member what the org's grants cover. */
const everyonesPages = [
  { page: 'flows', label: 'Flows' },
  { page: 'discover', label: 'Discover' },
  { page: 'platform-listeners', label: 'Platform listeners' },
] as const satisfies ReadonlyArray<{ page: StudioNavPage; label: string }>;

/** The cluster admins' pages, reached through the header's "Admin", which opens the first. */
export const adminPages = [
  { page: 'connections', label: 'Connections' },
  { page: 'grants', label: 'Grants' },
  { page: 'grant-requests', label: 'Grant requests' },
  { page: 'redrive-grants', label: 'Redrive grants' },
  { page: 'audit', label: 'Audit log' },
] as const satisfies ReadonlyArray<{ page: StudioNavPage; label: string }>;

/** Whether `page` is one of the cluster admins' pages. */
export const isAdminPage = (page: StudioPage['name']): boolean => adminPages.some((p) => p.page === page);

/**
 * The navigation a person in `role` gets with page `shown` open: everyone's pages, and for a cluster
 * admin one "Admin" entry carrying `pendingRequests` (the count of grant requests waiting), with the
 * admin pages' row while one of them is shown. Grant requests carries the count there too.
 */
export function studioNavigation(role: 'admin' | 'member' | 'viewer', shown: StudioPage['name'], pendingRequests: ReactNode): StudioNavigation {
  const currentOf = (page: StudioNavPage) => (page === shown || (page === 'flows' && shown === 'flow') ? ('page' as const) : undefined);
  const main: StudioNavItem[] = everyonesPages.map((p) => ({ ...p, current: currentOf(p.page) }));
  if (role !== 'admin') return { main, admin: null };
  const onAdminPage = isAdminPage(shown);
  main.push({ page: adminPages[0].page, label: 'Admin', current: onAdminPage ? 'true' : undefined, badge: pendingRequests });
  const admin = adminPages.map((p) => ({ ...p, current: currentOf(p.page), badge: p.page === 'grant-requests' ? pendingRequests : undefined }));
  return { main, admin: onAdminPage ? admin : null };
}
