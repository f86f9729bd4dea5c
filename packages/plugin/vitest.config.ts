import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';
import { chromiumBrowserTests } from '../../.config/browserTests.ts';

export default defineProject(() => ({
  plugins: [react()],
  // Pre-bundled up front: a dependency discovered mid-run makes Vite reload the test page.
  optimizeDeps: {
    include: [
      'react',
      'react-dom',
      'react-dom/client',
      'react/jsx-dev-runtime',
      'use-sync-external-store/shim/with-selector',
      // What the whole studio imports, for the tests that mount it; dependencies of our packages by path.
      '@tanstack/react-query',
      '@trpc/client',
      '@trpc/tanstack-react-query',
      '@xyflow/react',
      '@event-flows/client > eventsource',
      '@event-flows/client > @trpc/server/observable',
      '@event-flows/client > @trpc/server/rpc',
      '@event-flows/editor > @dagrejs/dagre',
      '@event-flows/editor > @tanstack/react-virtual',
      '@event-flows/editor > zustand',
      '@event-flows/editor > zustand/vanilla',
      '@event-flows/editor > zustand/react/shallow',
      '@event-flows/model > yaml',
      '@event-flows/model > zod',
    ],
    exclude: ['vitest-browser-react'],
  },
  test: {
    name: 'plugin',
    include: ['src/**/*.test.{ts,tsx}'],
    browser: chromiumBrowserTests(),
  },
}));
