import { writeFile } from 'node:fs/promises';
import { defineConfig } from 'tsdown';
import { writeEditorFiles } from './scripts/editor-html.ts';

// Node-RED reads each node's editor file next to its runtime file (`x.js` → `x.html`), and the
// scorecard looks for exactly `.js`, so the nodes are CommonJS `.js` files under a `dist/package.json`
// that says so. Core is bundled in: the package has no runtime dependencies. The nodes share one
// chunk, so they share one copy of core (its error class, rate limiter and webhook state).
export default defineConfig({
  entry: ['src/nodes/ringcx-*.ts', '!src/nodes/*.test.ts'],
  outDir: 'dist/nodes',
  format: ['cjs'],
  platform: 'node',
  target: 'node20',
  dts: false,
  sourcemap: true,
  clean: ['dist'],
  outExtensions: () => ({ js: '.js' }),
  deps: { alwaysBundle: ['@ringcx-connectors/core'] },
  copy: [
    { from: 'src/nodes/icons', to: 'dist/nodes' },
    { from: 'src/nodes/locales', to: 'dist/nodes' },
  ],
  hooks: {
    'build:done': async () => {
      await writeFile('dist/package.json', '{ "type": "commonjs" }\n');
      await writeEditorFiles('src/nodes', 'dist/nodes');
    },
  },
});
