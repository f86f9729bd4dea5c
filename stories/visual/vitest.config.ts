import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import type { BrowserCommand } from 'vitest/node';
import { defineProject } from 'vitest/config';
import { chromiumBrowserTests } from '../../.config/browserTests.ts';
import { storybookOptimizeDeps } from '../../.storybook/optimizeDeps.ts';

const baselines = path.resolve(import.meta.dirname, '__screenshots__');

/**
 * The baselines that no story has any more (`expected` names every story's, without `.png`). Under
 * `pnpm test:update-screenshots` (Vitest's update 'all') they are deleted, so one command leaves exactly
 * the baselines of today's stories; in a test run they are only reported.
 */
const staleBaselines: BrowserCommand<[expected: string[]]> = async (context, expected) => {
  const wanted = new Set(expected.map((name) => `${name}.png`));
  const files = await readdir(baselines, { recursive: true }).catch(() => []);
  const stale = files.filter((file) => file.endsWith('.png') && !wanted.has(file.split(path.sep).join('/')));
  if (context.project.serializedConfig.snapshotOptions.updateSnapshot !== 'all') return stale;
  await Promise.all(stale.map((file) => rm(path.join(baselines, file))));
  return [];
};

/**
 * Visual regression of every story (everyStory.tsx), light and dark, compared with the baselines in
 * __screenshots__/ at a fixed 1280×720 viewport in Debian's Chromium, with the pages in English and UTC
 * so a time a story shows is drawn the same on every machine.
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
    include: [...storybookOptimizeDeps, '@storybook/react-vite', '@storybook/addon-docs/blocks', 'storybook/test', 'storybook/preview-api', 'storybook/theming', 'storybook/internal/channels', 'storybook/internal/core-events'],
  },
  test: {
    name: 'visual',
    // Also the docs pages' theme (.storybook/ThemedDocsContainer.test.tsx), which needs the preview's CSS too.
    include: ['stories/visual/*.visual.test.tsx', '.storybook/*.test.tsx'],
    dir: path.resolve(import.meta.dirname, '../..'),
    // The Arrange stories wait for a layout in a worker.
    testTimeout: 60_000,
    browser: {
      ...chromiumBrowserTests({ width: 1280, height: 720 }, { locale: 'en-GB', timezoneId: 'UTC' }),
      commands: { staleBaselines },
      expect: {
        toMatchScreenshot: {
          comparatorName: 'pixelmatch' as const,
          comparatorOptions: { threshold: 0.1, includeAA: false, allowedMismatchedPixels: 20 },
          resolveScreenshotPath: ({ arg, ext }: { arg: string; ext: string }) => path.join(baselines, `${arg}${ext}`),
          resolveDiffPath: ({ arg, ext }: { arg: string; ext: string }) => path.resolve(import.meta.dirname, '../../.vitest-attachments/visual', `${arg}${ext}`),
        },
      },
    },
  },
}));
