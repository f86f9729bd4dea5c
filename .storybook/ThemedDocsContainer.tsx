import { DocsContainer, type DocsContainerProps } from '@storybook/addon-docs/blocks';
import { useEffect, useMemo, useState, type PropsWithChildren } from 'react';
import { GLOBALS_UPDATED } from 'storybook/internal/core-events';
import { create, type ThemeVars } from 'storybook/theming';
import { storyTheme, type StoryTheme } from '../stories/storyTheme.ts';

/** The design tokens (tokens.css, loaded by the preview) of a theme, read as the browser resolves them. */
function readTokens(theme: StoryTheme): (name: string) => string {
  const probe = document.createElement('div');
  probe.className = 'efs-surface';
  probe.dataset.theme = theme;
  probe.hidden = true;
  document.body.append(probe);
  const style = getComputedStyle(probe);
  const values = new Map(['--efs-bg', '--efs-panel-bg', '--efs-fg', '--efs-muted', '--efs-border', '--efs-divider', '--efs-accent', '--efs-on-accent', '--efs-font', '--efs-font-mono'].map((name) => [name, style.getPropertyValue(name).trim()]));
  probe.remove();
  return (name) => values.get(name) || '';
}

/**
 * Storybook's look of a docs page in one of the studio's themes: its page, text, links, tables and
 * controls take the design tokens' colours, so a docs page is as dark as the stories on it.
 */
export function docsTheme(theme: StoryTheme): ThemeVars {
  const token = readTokens(theme);
  return create({
    base: theme,
    colorPrimary: token('--efs-accent'),
    colorSecondary: token('--efs-accent'),
    appBg: token('--efs-panel-bg'),
    appContentBg: token('--efs-bg'),
    appPreviewBg: token('--efs-bg'),
    appHoverBg: token('--efs-panel-bg'),
    appBorderColor: token('--efs-divider'),
    appBorderRadius: 6,
    fontBase: token('--efs-font'),
    fontCode: token('--efs-font-mono'),
    textColor: token('--efs-fg'),
    textInverseColor: token('--efs-on-accent'),
    textMutedColor: token('--efs-muted'),
    barBg: token('--efs-panel-bg'),
    barTextColor: token('--efs-muted'),
    barSelectedColor: token('--efs-accent'),
    barHoverColor: token('--efs-accent'),
    buttonBg: token('--efs-panel-bg'),
    buttonBorder: token('--efs-border'),
    booleanBg: token('--efs-bg'),
    booleanSelectedBg: token('--efs-panel-bg'),
    inputBg: token('--efs-panel-bg'),
    inputBorder: token('--efs-border'),
    inputTextColor: token('--efs-fg'),
    inputBorderRadius: 4,
  });
}

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
  const look = useMemo(() => docsTheme(theme), [theme]);
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
