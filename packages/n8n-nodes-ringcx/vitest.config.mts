import { createRequire } from 'node:module';
import { defineProject } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineProject({
  // One n8n-workflow instance, the CommonJS one n8n-core loads, as in a real n8n (where the bundled
  // nodes `require` it): its error classes must be the same for `instanceof` checks on both sides.
  resolve: { alias: { 'n8n-workflow': require.resolve('n8n-workflow') } },
  test: { name: '@ringcx-connectors/n8n-nodes-ringcx', globalSetup: ['./test/global-setup.mts'] },
});
