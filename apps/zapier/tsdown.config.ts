import { defineConfig } from 'tsdown';

// Core is a workspace package: it is inlined so the deployed app depends on zapier-platform-core only,
// and Zapier's build (which reinstalls dependencies with npm) never meets a `workspace:` range.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  platform: 'node',
  target: 'node22',
  dts: false,
  sourcemap: false,
  clean: true,
  deps: { alwaysBundle: [/^@ringcx-connectors\//] },
});
