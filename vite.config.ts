import { defineConfig } from 'vitest/config';

/**
 * The root config only gathers the projects; each package keeps its own `vitest.config.ts`
 * so it also tests on its own (`pnpm --filter <pkg> test`).
 */
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'server/vitest.config.ts', 'test/vitest.config.ts', '.storybook/vitest.config.ts'],
  },
});
