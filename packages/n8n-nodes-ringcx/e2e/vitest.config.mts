import { defineConfig } from 'vitest/config';

// The end-to-end run against a real n8n server: separate from the unit tests (its files are not
// named `*.test.*`), started with `pnpm run e2e` once n8n is installed (`scripts/install-n8n.sh`).
export default defineConfig({
  root: import.meta.dirname,
  test: {
    name: '@ringcx-connectors/n8n-nodes-ringcx (n8n server)',
    include: ['*.e2e.mts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
