import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/portable.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  clean: true,
});
