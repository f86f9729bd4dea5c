import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';
import { chromiumBrowserTests } from '../../.config/browserTests.ts';

/**
 * The design system's visual regression: the stories in stories/components/ in both themes, compared
 * with the baselines in __screenshots__/ at a fixed 1280×720 viewport in Debian's Chromium.
 *
 * Tolerance: a pixel counts as changed when its colour moves by more than pixelmatch's threshold 0.1
 * (YIQ distance), and pixels that pixelmatch takes for font antialiasing are not counted; the picture
 * passes with at most 20 changed pixels. A changed colour of a button, a moved edge or a different
 * font size changes hundreds.
 */
export default defineProject(() => ({
  root: path.resolve(import.meta.dirname, '../..'),
  plugins: [react()],
  optimizeDeps: {
    include: ['react', 'react-dom', 'react-dom/client', 'react/jsx-dev-runtime', '@storybook/react-vite', 'storybook/test', 'storybook/preview-api'],
  },
  test: {
    name: 'visual',
    include: ['**/*.visual.test.tsx'], dir: import.meta.dirname,
    browser: {
      ...chromiumBrowserTests({ width: 1280, height: 720 }),
      expect: {
        toMatchScreenshot: {
          comparatorName: 'pixelmatch' as const,
          comparatorOptions: { threshold: 0.1, includeAA: false, allowedMismatchedPixels: 20 },
          resolveScreenshotPath: ({ arg, ext }: { arg: string; ext: string }) => path.resolve(import.meta.dirname, '__screenshots__', `${arg}${ext}`),
          resolveDiffPath: ({ arg, ext }: { arg: string; ext: string }) => path.resolve(import.meta.dirname, '../../.vitest-attachments/visual', `${arg}${ext}`),
        },
      },
    },
  },
}));
