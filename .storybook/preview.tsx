import '@xyflow/react/dist/style.css';
import type { Preview } from '@storybook/react-vite';

/** The page behind a story, per theme (the components bring their own colours through CSS variables). */
const backdrop = { light: '#f7f8fa', dark: '#14171d' } as const;

const preview: Preview = {
  // A docs page per component, with its props as controls.
  tags: ['autodocs'],
  parameters: {
    layout: 'fullscreen',
    // Accessibility violations fail the story's test (and show in the a11y panel).
    a11y: { test: 'error' },
  },
  // A light/dark switch in the toolbar; stories read it from `globals.theme`.
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
  initialGlobals: { theme: 'light' },
  decorators: [
    (Story, { globals }) => (
      <div style={{ width: '100vw', height: '100vh', background: globals.theme === 'dark' ? backdrop.dark : backdrop.light }}>
        <Story />
      </div>
    ),
  ],
};

export default preview;
