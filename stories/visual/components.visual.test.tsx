/*
 * Visual regression of the design system: every story in stories/components/ (Components/*,
 * Foundations/Colours) is rendered as Storybook renders it (the preview's decorators, its play
 * function run to the end), in the light and the dark theme, at 1280×720, and compared with the PNG
 * in __screenshots__/. An unintended change of a colour, an edge, a size or a place fails the test.
 * The baselines are made by `pnpm test:update-screenshots` only: a test run never writes one (the
 * root vite.config.ts sets `update: 'none'`).
 */
import { composeStories, setProjectAnnotations } from '@storybook/react-vite';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import preview from '../../.storybook/preview.tsx';
import type { StoryTheme } from '../storyTheme.ts';

setProjectAnnotations([preview]);

type StoryModule = Parameters<typeof composeStories>[0];
const modules = import.meta.glob<StoryModule>('../components/*.stories.tsx', { eager: true });

let canvas: HTMLElement | null = null;
// The story's root fills the viewport exactly, as in Storybook's own frame.
beforeAll(() => {
  document.body.style.margin = '0';
});
afterEach(() => {
  canvas?.remove();
  canvas = null;
  delete (globalThis as { efsStoryTheme?: StoryTheme }).efsStoryTheme;
});

for (const [path, module] of Object.entries(modules)) {
  const component = path.replace(/^.*\/(\w+)\.stories\.tsx$/, '$1');
  // composeStories of a module typed only as "a story module" gives stories typed as unknown; each has run().
  const stories = Object.entries(composeStories(module)) as [string, { run: (context: { canvasElement: HTMLElement }) => Promise<void> }][];
  describe(component, () => {
    for (const theme of ['light', 'dark'] as const) {
      for (const [name, Story] of stories) {
        it(`${name}, ${theme}`, async () => {
          (globalThis as { efsStoryTheme?: StoryTheme }).efsStoryTheme = theme;
          canvas = document.createElement('div');
          document.body.append(canvas);
          await Story.run({ canvasElement: canvas });
          // Fonts and layout settle before the picture; the caret and animations are stopped by Vitest.
          await document.fonts.ready;
          const root = canvas.querySelector<HTMLElement>('.efs-story');
          if (!root) throw new Error(`${component} ${name}: the preview's theme decorator did not render`);
          await expect.element(page.elementLocator(root)).toMatchScreenshot(`${component}-${name}-${theme}`);
        });
      }
    }
  });
}
