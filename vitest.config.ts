import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['engine/**/*.test.ts', 'workers/**/*.test.ts', 'cli/**/*.test.ts', 'scripts/**/*.test.ts', 'app/**/*.test.ts', 'viewer/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
