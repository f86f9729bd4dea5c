import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'server',
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // PGlite's first query starts its WASM engine (about 2 s here).
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
