/** The colour theme of the stories, shared by the preview's decorator and the story decorators. */
export type StoryTheme = 'light' | 'dark';

/**
 * The theme a story is shown in: the toolbar's switch (or a story's own `globals.theme`), except in the
 * dark pass of the tests (`.storybook/vitest.config.ts`), whose setup file asks for dark everywhere.
 */
export function storyTheme(globals: Record<string, unknown>): StoryTheme {
  const forced = (globalThis as { efsStoryTheme?: StoryTheme }).efsStoryTheme;
  if (forced) return forced;
  return globals.theme === 'dark' ? 'dark' : 'light';
}

/** The theme the reader's system asks for (`prefers-color-scheme`): the toolbar's theme until they choose one. */
export function preferredTheme(): StoryTheme {
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
