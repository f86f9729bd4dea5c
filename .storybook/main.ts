import type { StorybookConfig } from '@storybook/react-vite';

/** Storybook for the editor's components; stories live in /stories, with args from the model's fixtures. */
const config: StorybookConfig = {
  stories: ['../stories/Introduction.mdx', '../stories/**/*.stories.tsx'],
  addons: ['@storybook/addon-vitest', '@storybook/addon-a11y', '@storybook/addon-docs'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true },
  // Reviewers come for the product's components, not for Storybook's own "Get started" checklist.
  features: { sidebarOnboardingChecklist: false },
};

export default config;
