import { join } from 'node:path';
import { defineConfig } from 'tsdown';

const NODES = ['RingCx', 'RingCxTrigger', 'RingCxPollTrigger'];

// n8n requires each file listed in package.json `n8n` (CommonJS, named export = file's base name).
// Core is bundled in, so the published package has no runtime dependencies; n8n-workflow, the only
// peer, stays external and resolves to the n8n that loads the package.
export default defineConfig({
  entry: {
    'credentials/RingCxApi.credentials': 'credentials/RingCxApi.credentials.ts',
    ...Object.fromEntries(
      NODES.map((node) => [`nodes/${node}/${node}.node`, `nodes/${node}/${node}.node.ts`]),
    ),
  },
  format: ['cjs'],
  fixedExtension: false,
  platform: 'node',
  target: 'node20',
  dts: false,
  sourcemap: true,
  clean: true,
  // Code the nodes share (core included) goes to one chunk they all require.
  outputOptions: { chunkFileNames: 'shared/ringcx-[hash].js' },
  deps: { alwaysBundle: ['@ringcx-connectors/core'], neverBundle: ['n8n-workflow'] },
  // Icons next to `dist/nodes`, codex files next to their node; relative to the output folder.
  copy: ({ outDir }) => [
    { from: 'icons/*.svg', to: join(outDir, 'icons') },
    ...NODES.map((node) => ({ from: `nodes/${node}/${node}.node.json`, to: join(outDir, 'nodes', node) })),
  ],
});
