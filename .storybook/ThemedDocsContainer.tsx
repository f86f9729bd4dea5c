import { DocsContainer, type DocsContainerProps } from '@storybook/addon-docs/blocks';
import { useEffect, useMemo, useState, type PropsWithChildren } from 'react';
import { GLOBALS_UPDATED } from 'storybook/internal/core-events';
import { storyTheme, type StoryTheme } from '../stories/storyTheme.ts';
import { storybookTheme } from './storybookTheme.ts';

/** The toolbar's theme as the docs page opens: the preview's globals, which the docs context's store holds. */
function openingTheme(context: DocsContainerProps['context']): StoryTheme {
  // DocsContext's store is public on the class but not in its type; without it, the page opens light.
  const store = (context as { store?: { userGlobals?: { get: () => Record<string, unknown> } } }).store;
  return storyTheme(store?.userGlobals?.get() ?? {});
}

/**
 * The docs pages' container (autodocs and the MDX pages): Storybook's own, in the theme the toolbar
 * shows, following the toolbar when it changes, as the stories do (withTheme in preview.tsx).
 */
export function ThemedDocsContainer({ context, children }: PropsWithChildren<DocsContainerProps>) {
  const [theme, setTheme] = useState<StoryTheme>(() => openingTheme(context));
  useEffect(() => {
    const follow = ({ globals }: { globals: Record<string, unknown> }) => setTheme(storyTheme(globals));
    context.channel.on(GLOBALS_UPDATED, follow);
    return () => context.channel.off(GLOBALS_UPDATED, follow);
  }, [context]);
  const look = useMemo(() => storybookTheme(theme), [theme]);
  return (
    <div style={{ colorScheme: theme }}>
      {/* A boolean control's unchosen side is Storybook's text at half opacity, 3.1:1 in light: muted text instead. */}
      <style>{`.docblock-argstable label > span[aria-hidden='true'] { color: ${look.textMutedColor}; }`}</style>
      <DocsContainer context={context} theme={look}>
        {children}
      </DocsContainer>
    </div>
  );
}
