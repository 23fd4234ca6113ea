import { defineConfig } from 'vitest/config';

// One run over every package: `pnpm vitest run` (or `pnpm test`, which lints and builds first).
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
