import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';
import { chromiumBrowserTests } from '../../.config/browserTests.ts';

export default defineProject(() => ({
  plugins: [react()],
  // Pre-bundled up front: a dependency discovered mid-run makes Vite reload the test page.
  optimizeDeps: {
    include: ['react', 'react-dom', 'react-dom/client', 'react/jsx-dev-runtime', '@xyflow/react', 'zustand', 'zustand/vanilla', 'zustand/react/shallow', 'axe-core', '@tanstack/react-virtual'],
    exclude: ['vitest-browser-react'],
  },
  test: {
    name: 'editor',
    include: ['src/**/*.test.{ts,tsx}'],
    browser: chromiumBrowserTests({ width: 1280, height: 800 }),
  },
}));
