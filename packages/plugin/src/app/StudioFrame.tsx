import { Badge, Button } from '@event-flows/editor';
import type { ReactNode } from 'react';
import { ThemeSwitch } from './ThemeSwitch.tsx';
import type { ThemeChoice } from './useThemeChoice.ts';

/** One entry of the studio's navigation. */
export interface StudioNavItem {
  name: string;
  label: string;
  /** The page shown now (or, for Flows, a flow of it). */
  current: boolean;
  /** Shown after the label: a count asking for attention (pending grant requests). */
  badge?: ReactNode;
}

/** Props of {@link StudioFrame}. */
export interface StudioFrameProps {
  nav: readonly StudioNavItem[];
  onNavigate: (name: string) => void;
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

/**
 * The studio's frame as a person sees it: the name, the navigation with the current page marked, the
 * theme switch, who is signed in and in what role, Sign out, and the page below. It holds nothing:
 * {@link StudioShell} says which pages there are and which is shown.
 */
export function StudioFrame({ nav, onNavigate, person, themeChoice, onChooseTheme, onSignOut, children }: StudioFrameProps) {
  return (
    <div className="efs-app__shell">
      <header className="efs-app__header">
        <strong className="efs-app__brand">Event Flows Studio</strong>
        <nav aria-label="Studio" className="efs-app__nav">
          {nav.map((item) => (
            <Button key={item.name} aria-current={item.current ? 'page' : undefined} onClick={() => onNavigate(item.name)}>
              {item.label}
              {item.badge ?? null}
            </Button>
          ))}
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
      <main className="efs-app__main">{children}</main>
    </div>
  );
}
