import '@xyflow/react/dist/style.css';
import '@event-flows/editor/tokens.css';
import type { Decorator, Preview } from '@storybook/react-vite';
import { preferredTheme, storyTheme } from '../stories/storyTheme.ts';
import { ComponentDocsPage } from './ComponentDocsPage.tsx';
import { ThemedDocsContainer } from './ThemedDocsContainer.tsx';

/**
 * One decorator themes every story: the page behind it takes the theme's background from the design
 * tokens (no dark card on a light page), and a component with a `theme` prop (the editor, plan review,
 * Events tab, DLQ viewer) gets the toolbar's theme as that prop, so the switch works on every story.
 * Stories that want a margin round their component set `parameters.padded`.
 */
const withTheme: Decorator = (Story, context) => {
  const theme = storyTheme(context.globals);
  const takesTheme = 'theme' in context.argTypes || 'theme' in context.initialArgs;
  return (
    <div
      className="efs-surface efs-story"
      data-theme={theme}
      style={{
        // Alone, a story fills the page (the editor takes its frame's size) and scrolls inside it, so the
        // theme's background covers the whole page; on a docs page each story keeps its own height.
        ...(context.viewMode === 'docs' ? {} : { width: '100vw', height: '100vh', overflow: 'auto' }),
        // Storybook's own 'padded' layout pads the page outside this background; stories ask for `padded` instead.
        padding: context.parameters.padded ? 16 : 0,
        boxSizing: 'border-box',
        background: 'var(--efs-bg)',
        color: 'var(--efs-fg)',
        // The studio's type, as the app sets it on its frame: components inherit it.
        fontFamily: 'var(--efs-font)',
        fontSize: 'var(--efs-text-md)',
        lineHeight: 1.45,
        colorScheme: theme,
      }}
    >
      {takesTheme ? <Story args={{ ...context.args, theme }} /> : <Story />}
    </div>
  );
};

const preview: Preview = {
  // A docs page per component, with its props as controls.
  tags: ['autodocs'],
  parameters: {
    layout: 'fullscreen',
    // Accessibility violations fail the story's test (and show in the a11y panel).
    a11y: { test: 'error' },
    // Docs pages follow the toolbar's theme too, in the design tokens' colours.
    // Each story once, under a heading of its own (ComponentDocsPage says why).
    docs: { container: ThemedDocsContainer, page: ComponentDocsPage },
    // The page behind the story follows the theme (withTheme), not the backgrounds addon.
    backgrounds: { disable: true },
    // The sidebar in the order a reviewer reads it (stories/Introduction.mdx says what each section holds).
    options: { storySort: { order: ['Introduction', 'Foundations', 'Canvas', 'Panels', 'Platform', 'Admin', 'Dialogs'] } },
  },
  // A light/dark switch in the toolbar; withTheme applies it to every story.
  globalTypes: {
    theme: {
      description: 'Colour theme of the components',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
  },
  // The system's theme until the reader picks one in the toolbar (the manager follows the toolbar: manager.ts).
  initialGlobals: { theme: preferredTheme() },
  decorators: [withTheme],
};

export default preview;
