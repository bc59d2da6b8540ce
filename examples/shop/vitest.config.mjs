import { defineConfig } from 'vitest/config';

// Shared by every component: `make test` runs `vitest run --config ../vitest.config.mjs --root .`.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
