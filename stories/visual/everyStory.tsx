/*
 * What the visual regression screenshots: every story of every `*.stories.tsx` under stories/, found by
 * the glob below, so a new story file is covered without a change here. Each story is rendered as
 * Storybook renders it (the preview's decorators, its play function run to the end) in one theme, at
 * the fixed viewport of vitest.config.ts, and compared with its PNG in __screenshots__/.
 */
import { composeStories, setProjectAnnotations } from '@storybook/react-vite';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commands, page } from 'vitest/browser';
import preview from '../../.storybook/preview.tsx';
import type { StoryTheme } from '../storyTheme.ts';

declare module 'vitest/browser' {
  interface BrowserCommands {
    /** The baselines no story has (see vitest.config.ts); under an update, deleted and none returned. */
    staleBaselines: (expected: string[]) => Promise<string[]>;
  }
}

type StoryModule = Parameters<typeof composeStories>[0];
/** A composed story as the test uses it: Storybook's id and its run (render, then play). */
type RunnableStory = { id: string; globals: Record<string, unknown>; run: (context: { canvasElement: HTMLElement }) => Promise<void> };

const modules = import.meta.glob<StoryModule>('../**/*.stories.tsx', { eager: true });

/**
 * The themes a story is screenshotted in: dark always (every story forced dark, as in the stories' dark
 * test pass), light unless the story itself asks for dark (its play then checks it is dark; its light
 * picture is its sibling story's).
 */
export function themesOf(story: RunnableStory): StoryTheme[] {
  return story.globals.theme === 'dark' ? ['dark'] : ['light', 'dark'];
}

/**
 * Where a story's baseline is in __screenshots__/ (without `.png`): `<theme>/<component id>/<story>`,
 * from Storybook's story id `<component id>--<story>`, so `?path=/story/<id>` opens the story shown.
 */
export function baselineName(storyId: string, theme: StoryTheme): string {
  return `${theme}/${storyId.replace('--', '/')}`;
}

/** Every story of every story file, by its file's path, composed with the preview's annotations. */
export function everyStory(): { file: string; stories: RunnableStory[] }[] {
  setProjectAnnotations([preview]);
  return Object.entries(modules).map(([path, module]) => ({
    file: path.replace(/^\.\.\//, ''),
    // composeStories of a module typed only as "a story module" types its stories as unknown; each has an id and run().
    stories: Object.values(composeStories(module)) as RunnableStory[],
  }));
}

/**
 * One test per story: rendered in `theme`, played to the end, then compared with its baseline. The story
 * files are dealt into `shards` test files by their place in the sorted list (this file takes those of
 * `shard`), so that Vitest runs the pictures on several workers at once rather than one file after the rest.
 */
export function screenshotEveryStory(theme: StoryTheme, shard = 0, shards = 1): void {
  let canvas: HTMLElement | null = null;
  beforeAll(() => {
    // The story's root fills the viewport exactly, as in Storybook's own frame.
    document.body.style.margin = '0';
    // The light pass shows each story as it asks (light); the dark pass forces dark (storyTheme.ts).
    if (theme === 'dark') (globalThis as { efsStoryTheme?: StoryTheme }).efsStoryTheme = 'dark';
  });
  afterEach(() => {
    canvas?.remove();
    canvas = null;
  });
  const files = everyStory().sort((a, b) => a.file.localeCompare(b.file));
  for (const { file, stories } of files.filter((_, i) => i % shards === shard)) {
    describe(file, () => {
      for (const story of stories.filter((s) => themesOf(s).includes(theme))) {
        it(story.id, async () => {
          canvas = document.createElement('div');
          document.body.append(canvas);
          await story.run({ canvasElement: canvas });
          // Fonts loaded before the picture; Vitest stops animations and the caret, and takes pictures
          // until two in a row agree, so a canvas still fitting its view is not taken half-way.
          await document.fonts.ready;
          const root = canvas.querySelector<HTMLElement>('.efs-story');
          if (!root) throw new Error(`${story.id}: the preview's theme decorator did not render`);
          await expect.element(page.elementLocator(root)).toMatchScreenshot(baselineName(story.id, theme));
        });
      }
    });
  }
}

/** One test that no baseline is left of a story renamed or removed (an update deletes them). */
export function checkNoStaleBaselines(): void {
  it('every baseline belongs to a story', async () => {
    const expected = everyStory().flatMap(({ stories }) => stories.flatMap((story) => themesOf(story).map((theme) => baselineName(story.id, theme))));
    expect(await commands.staleBaselines(expected), 'baselines of no story: run pnpm test:update-screenshots').toEqual([]);
  });
}
