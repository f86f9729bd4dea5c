import path from 'node:path';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { defineProject } from 'vitest/config';
import { chromiumBrowserTests } from '../.config/browserTests.ts';
import { storybookOptimizeDeps } from './optimizeDeps.ts';

/**
 * Every story is a test: it must render, pass its play function and pass axe, twice: once as the story
 * asks (light unless it says dark) and once with every story in the dark theme (darkPass.ts), so axe
 * sees both themes' colours. Both passes share one Vite server.
 */
export default defineProject(() => ({
  root: path.resolve(import.meta.dirname, '..'),
  plugins: [storybookTest({ configDir: import.meta.dirname })],
  optimizeDeps: { include: [...storybookOptimizeDeps] },
  test: {
    name: 'storybook',
    // The Arrange stories wait for a layout in a worker.
    testTimeout: 60_000,
    browser: {
      ...chromiumBrowserTests({ width: 1280, height: 800 }),
      instances: [
        { browser: 'chromium' as const, name: 'storybook-light' },
        { browser: 'chromium' as const, name: 'storybook-dark', setupFiles: ['./.storybook/darkPass.js'] },
      ],
    },
  },
}));
