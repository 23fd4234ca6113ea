// The verification scan n8n runs before listing a community node, offline: the same lint of the
// source (package.json, nodes, credentials) and of the published files, here on the tarball
// `pnpm pack` makes. The registry part of the real scan (provenance, downloads) needs a release.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

interface ScanResult {
  passed: boolean;
  message?: string;
  details?: string;
}
interface Scanner {
  analyzePackage(dir: string, patterns: string[]): Promise<ScanResult>;
  SOURCE_FILE_PATTERNS: string[];
}

// The scanner ships no types; its module path is held in a variable so TypeScript does not look for them.
const scannerModule = '@n8n/scan-community-package/scanner/scanner.mjs';
const { analyzePackage, SOURCE_FILE_PATTERNS } = (await import(scannerModule)) as Scanner;

const packageDir = resolve(import.meta.dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'n8n-nodes-ringcx-pack-'));
try {
  execFileSync('pnpm', ['pack', '--pack-destination', scratch], { cwd: packageDir, stdio: 'ignore' });
  const tarball = readdirSync(scratch).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error('pnpm pack produced no tarball');
  execFileSync('tar', ['-xzf', tarball], { cwd: scratch });
  const unpacked = join(scratch, 'package');

  // As the scanner does: every rule on the sources, and the compiled JS plus package.json as shipped.
  const legs: Array<[string, string, string[]]> = [
    ['source', packageDir, SOURCE_FILE_PATTERNS],
    ['packed tarball', unpacked, ['**/*.js', 'package.json']],
  ];
  let failed = false;
  for (const [name, dir, patterns] of legs) {
    const result = await analyzePackage(dir, patterns);
    process.stdout.write(`${result.passed ? 'PASSED' : 'FAILED'}: verification scan of the ${name}\n`);
    if (!result.passed) {
      failed = true;
      console.error(result.details ?? result.message);
    }
  }
  if (failed) process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
