import { Badge, Button } from '@event-flows/editor';
import type { ReactNode } from 'react';
import type { StudioNavigation, StudioNavItem, StudioNavPage } from './studioNav.ts';
import { ThemeSwitch } from './ThemeSwitch.tsx';
import type { ThemeChoice } from './useThemeChoice.ts';

/** Props of {@link StudioFrame}. */
export interface StudioFrameProps {
  /** The entries of the navigation, as `studioNavigation` makes them. */
  nav: StudioNavigation;
  onNavigate: (page: StudioNavPage) => void;
  /** The signed-in person, as the header names them. */
  person: { name: string; role: 'admin' | 'member' | 'viewer' };
  /** The person's theme choice, or `null` when the host sets the theme (no switch then). */
  themeChoice: ThemeChoice | null;
  onChooseTheme: (choice: ThemeChoice) => void;
  /** Omit when the host signs the person in (no Sign out then). */
  onSignOut?: (() => void) | undefined;
  /** The page. */
  children: ReactNode;
}

const roleWords: Record<StudioFrameProps['person']['role'], string> = { admin: 'cluster admin', member: 'member', viewer: 'viewer' };

/** A row of navigation entries, the current one marked (and "Admin" while it holds the current page). */
function NavEntries({ items, onNavigate }: { items: readonly StudioNavItem[]; onNavigate: StudioFrameProps['onNavigate'] }) {
  return items.map((item) => (
    <Button key={item.label} aria-current={item.current} onClick={() => onNavigate(item.page)}>
      {item.label}
      {item.badge ?? null}
    </Button>
  ));
}

/**
 * The studio's frame as a person sees it: the name, the navigation with the current page marked, the
 * theme switch, who is signed in and in what role, Sign out, and the page below; while an admin page
 * is shown, the admin pages' row under the header. It holds nothing: {@link StudioShell} says which
 * page is shown.
 */
export function StudioFrame({ nav, onNavigate, person, themeChoice, onChooseTheme, onSignOut, children }: StudioFrameProps) {
  return (
    <div className="efs-app__shell">
      <header className="efs-app__header">
        <strong className="efs-app__brand">Event Flows Studio</strong>
        <nav aria-label="Studio" className="efs-app__nav">
          <NavEntries items={nav.main} onNavigate={onNavigate} />
        </nav>
        <div className="efs-app__session">
          {themeChoice ? <ThemeSwitch choice={themeChoice} onChoose={onChooseTheme} /> : null}
          <span className="efs-app__user">
            <span className="efs-app__user-name" title={person.name}>
              {person.name}
            </span>{' '}
            <Badge tone={person.role === 'admin' ? 'accent' : 'neutral'}>{roleWords[person.role]}</Badge>
          </span>
          {onSignOut ? <Button onClick={onSignOut}>Sign out</Button> : null}
        </div>
      </header>
      {nav.admin ? (
        <nav aria-label="Admin" className="efs-app__subnav">
          <NavEntries items={nav.admin} onNavigate={onNavigate} />
        </nav>
      ) : null}
      <main className="efs-app__main">{children}</main>
    </div>
  );
}
