import { defineConfig } from 'vitest/config';

/**
 * The root config only gathers the projects; each package keeps its own `vitest.config.ts`
 * so it also tests on its own (`pnpm --filter <pkg> test`).
 */
export default defineConfig({
  test: {
    // Two test files per core. Most of ours wait on a broker, a server or a browser rather than
    // compute; left to itself, Vitest 4 ran one file at a time on these 2-core machines (measured:
    // nine conformance files in 52 s one after another, 21 s with three at a time).
    maxWorkers: '200%',
    // A test run never writes a snapshot or a screenshot baseline: a missing or different one fails.
    // Baselines are made on purpose, by `pnpm test:update-screenshots` (which passes --update).
    update: 'none',
    projects: ['packages/*/vitest.config.ts', 'server/vitest.config.ts', 'test/vitest.config.ts', '.storybook/vitest.config.ts', 'stories/visual/vitest.config.ts'],
  },
});
