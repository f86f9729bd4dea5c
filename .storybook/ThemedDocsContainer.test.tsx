/*
 * Docs pages (autodocs and Introduction.mdx) in the toolbar's theme: the preview's docs container,
 * given Storybook's own docs context, opens in the theme the toolbar holds and follows it when it
 * changes, with the design tokens' background and text at WCAG's 4.5:1.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { Channel } from 'storybook/internal/channels';
import { GLOBALS_UPDATED } from 'storybook/internal/core-events';
import { DocsContext, StoryStore, composeConfigs } from 'storybook/preview-api';
import { afterEach, describe, expect, it } from 'vitest';
import preview from './preview.tsx';

type Container = (props: { context: DocsContext; children: React.ReactNode }) => React.ReactElement;

/** The tokens' colours as the browser gives them back from a computed style. */
const tokens = {
  light: { bg: 'rgb(247, 248, 250)', fg: 'rgb(29, 35, 48)' },
  dark: { bg: 'rgb(20, 23, 29)', fg: 'rgb(230, 233, 239)' },
};

/** WCAG 2.2 contrast of two `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (rgb: string) => {
    const [r = 0, g = 0, bl = 0] = (rgb.match(/\d+/g) ?? []).map(Number).map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.replaceChildren();
});

/** Renders an MDX-like page in the preview's docs container, the toolbar's theme being `theme`. */
async function openDocsPage(theme: 'light' | 'dark') {
  const Container = (preview.parameters?.docs as { container?: Container } | undefined)?.container;
  if (!Container) throw new Error('the preview sets no docs container: docs pages stay in Storybook\'s light theme');
  const channel = new Channel({});
  const store = new StoryStore({ v: 5, entries: {} }, () => Promise.resolve({}), composeConfigs([preview, { initialGlobals: { theme } }]));
  const context = new DocsContext(channel, store, () => () => Promise.resolve(), []);
  const element = document.createElement('div');
  document.body.append(element);
  root = createRoot(element);
  await act(async () => {
    root?.render(
      <Container context={context}>
        <p>Event Flows Studio is the visual editor of event flows.</p>
      </Container>,
    );
  });
  const wrapper = element.querySelector<HTMLElement>('.sbdocs-wrapper');
  const text = element.querySelector<HTMLElement>('.sbdocs-content p');
  if (!wrapper || !text) throw new Error('no docs page rendered');
  const colours = () => ({ bg: getComputedStyle(wrapper).backgroundColor, fg: getComputedStyle(text).color });
  return { channel, colours };
}

describe('docs pages in the toolbar theme', () => {
  it.each(['light', 'dark'] as const)('open in %s, in the tokens\' background and text at 4.5:1 or more', async (theme) => {
    const { colours } = await openDocsPage(theme);
    expect(colours()).toEqual(tokens[theme]);
    expect(contrast(colours().fg, colours().bg)).toBeGreaterThanOrEqual(4.5);
  });

  it('follow the toolbar when it switches', async () => {
    const { channel, colours } = await openDocsPage('light');
    await act(async () => {
      channel.emit(GLOBALS_UPDATED, { globals: { theme: 'dark' }, initialGlobals: { theme: 'light' }, userGlobals: { theme: 'dark' }, storyGlobals: {} });
    });
    expect(colours()).toEqual(tokens.dark);
  });
});
