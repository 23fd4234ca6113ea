import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The runtime tests load the built package into a real Node-RED, as users install it.
    globalSetup: ['./src/test-support/build.ts'],
  },
});
