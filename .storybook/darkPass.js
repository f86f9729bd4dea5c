/*
 * Setup file of the stories' dark test pass (see vitest.config.ts): every story renders in the dark
 * theme, so axe checks the dark colours too. The preview's theme decorator (stories/storyTheme.ts) reads this.
 */
globalThis.efsStoryTheme = 'dark';
