import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Builds `dist/` before the tests, so a real Node-RED loads exactly what would be published. */
export default function setup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const tsdown = createRequire(import.meta.url).resolve('tsdown/run');
  execFileSync(process.execPath, [tsdown, '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
}
