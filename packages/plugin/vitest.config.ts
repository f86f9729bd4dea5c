import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defineProject } from 'vitest/config';
import { chromiumLaunchOptions } from '../../.config/chromium.ts';

// A fresh object per call: Vitest renames a browser config object shared between projects.
export default defineProject(() => ({
  plugins: [react()],
  // Pre-bundled up front: a dependency discovered mid-run makes Vite reload the test page.
  optimizeDeps: {
    include: ['react', 'react-dom', 'react-dom/client', 'react/jsx-dev-runtime', 'use-sync-external-store/shim/with-selector'],
    exclude: ['vitest-browser-react'],
  },
  test: {
    name: 'plugin',
    include: ['src/**/*.test.{ts,tsx}'],
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({ launchOptions: { ...chromiumLaunchOptions, args: [...chromiumLaunchOptions.args] } }),
      instances: [{ browser: 'chromium' as const }],
      screenshotFailures: false,
    },
  },
}));
