import { useCallback, useEffect, useState } from 'react';
import type { StudioTheme } from './studioOptions.ts';

/** What a person picks in the theme switch: a theme, or the system's (`prefers-color-scheme`). */
export type ThemeChoice = StudioTheme | 'system';

/** Where the browser keeps the person's choice (localStorage, so it outlives the tab). */
export const themeStorageKey = 'event-flows-studio:theme';

const darkQuery = '(prefers-color-scheme: dark)';

function storedChoice(): ThemeChoice {
  try {
    const value = localStorage.getItem(themeStorageKey);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    // Storage can be refused (a sandboxed frame): the system's theme then.
    return 'system';
  }
}

function systemTheme(): StudioTheme {
  return typeof matchMedia === 'function' && matchMedia(darkQuery).matches ? 'dark' : 'light';
}

/** The studio's theme and the person's choice of it. `choice` is `null` when the host set the theme. */
export interface ThemeState {
  theme: StudioTheme;
  choice: ThemeChoice | null;
  choose: (choice: ThemeChoice) => void;
}

/**
 * The theme to show: the host's `theme` option when it sets one (the host wins), else the person's
 * choice kept in localStorage, where "system" follows `prefers-color-scheme` as it changes.
 */
export function useThemeChoice(hostTheme: StudioTheme | undefined): ThemeState {
  const [choice, setChoice] = useState<ThemeChoice>(storedChoice);
  const [system, setSystem] = useState<StudioTheme>(systemTheme);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return undefined;
    const query = matchMedia(darkQuery);
    const changed = () => setSystem(query.matches ? 'dark' : 'light');
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, []);
  const choose = useCallback((next: ThemeChoice) => {
    setChoice(next);
    try {
      if (next === 'system') localStorage.removeItem(themeStorageKey);
      else localStorage.setItem(themeStorageKey, next);
    } catch {
      // Not kept; the choice still holds until the studio closes.
    }
  }, []);
  if (hostTheme) return { theme: hostTheme, choice: null, choose };
  return { theme: choice === 'system' ? system : choice, choice, choose };
}
