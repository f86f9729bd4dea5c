import { create, type ThemeVars } from 'storybook/theming';
import type { StoryTheme } from '../stories/storyTheme.ts';

/** The design tokens (tokens.css, loaded by the preview and by the manager) of a theme, read as the browser resolves them. */
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
 * Storybook's look in one of the studio's themes, from the design tokens: the docs pages' page, text,
 * links, tables and controls (ThemedDocsContainer), and the manager's sidebar, toolbar and panels
 * (manager.ts). tokens.css must be loaded in the document it runs in.
 */
export function storybookTheme(theme: StoryTheme): ThemeVars {
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
