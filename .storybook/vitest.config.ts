import path from 'node:path';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { defineProject } from 'vitest/config';
import { chromiumBrowserTests } from '../.config/browserTests.ts';

/** Every story is a test: it must render, pass its play function and pass axe. */
export default defineProject(() => ({
  root: path.resolve(import.meta.dirname, '..'),
  plugins: [storybookTest({ configDir: import.meta.dirname })],
  optimizeDeps: {
    include: ['react', 'react-dom', 'react-dom/client', 'react/jsx-dev-runtime', '@xyflow/react'],
  },
  test: {
    name: 'storybook',
    browser: chromiumBrowserTests({ width: 1280, height: 800 }),
  },
}));
