import '@event-flows/editor/tokens.css';
import { GLOBALS_UPDATED, SET_GLOBALS } from 'storybook/internal/core-events';
import { addons } from 'storybook/manager-api';
import { preferredTheme, storyTheme } from '../stories/storyTheme.ts';
import { storybookTheme } from './storybookTheme.ts';

/*
 * Storybook's own frame (sidebar, toolbar, panels) in the theme the toolbar's switch shows, in the design
 * tokens' colours, so a reviewer in dark sees no light frame round a dark story. It opens in the system's
 * theme, as the toolbar does (preview.tsx), before the preview has loaded.
 */
addons.setConfig({ theme: storybookTheme(preferredTheme()) });

addons.register('event-flows/theme', (api) => {
  const follow = ({ globals }: { globals: Record<string, unknown> }) => api.setOptions({ theme: storybookTheme(storyTheme(globals)) });
  // SET_GLOBALS: the preview's globals as it starts (the URL's or the system's); GLOBALS_UPDATED: the switch.
  api.on(SET_GLOBALS, follow);
  api.on(GLOBALS_UPDATED, follow);
});
