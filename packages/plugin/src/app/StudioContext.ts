import { createContext, useContext } from 'react';
import { errorSentence, type ApiOutputs } from '@event-flows/client';
import type { StudioEvent, StudioTheme } from './studioOptions.ts';
import type { ThemeChoice } from './useThemeChoice.ts';

/** What every screen of the studio needs: who is signed in, for which org, the theme and the host's event callback. */
export interface StudioContextValue {
  me: ApiOutputs['session']['me'];
  orgId: string;
  theme: StudioTheme;
  /** The person's theme choice, or `null` when the host set the theme (then the studio offers no switch). */
  themeChoice: ThemeChoice | null;
  chooseTheme: (choice: ThemeChoice) => void;
  emit: (event: StudioEvent) => void;
}

/** The studio's context, provided once the session is known. */
export const StudioContext = createContext<StudioContextValue | null>(null);

/** The studio's context; only inside a signed-in studio. */
export function useStudio(): StudioContextValue {
  const value = useContext(StudioContext);
  if (!value) throw new Error('useStudio must be used inside the studio.');
  return value;
}

/** A sentence for a failed call (the client's one mapping of API errors: never an issue array or an object dump). */
export function messageOf(error: unknown): string {
  return errorSentence(error);
}
