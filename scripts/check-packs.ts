// Packs every public workspace package as `pnpm publish` would and checks what users would download:
// no tests or TypeScript sources, no unresolved `workspace:`/`catalog:` ranges, a README and a LICENSE.
// Export maps, types and platform rules are each package's own `package-check` (publint, attw, …).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

interface WorkspacePackage {
  name: string;
  path: string;
  private: boolean;
}

interface PackResult {
  filename: string;
}

const DEPENDENCY_FIELDS = [
  'dependencies',
  'devDependencies',
  'peerDependencies',
  'optionalDependencies',
] as const;

const pnpm = (args: string[], cwd?: string): string =>
  execFileSync('pnpm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

/** The regular files of a `.tgz`, by path inside the package (without npm's `package/` prefix). */
function readTarball(file: string): Map<string, Buffer> {
  const tar = gunzipSync(readFileSync(file));
  const files = new Map<string, Buffer>();
  const text = (start: number, length: number) =>
    tar.toString('utf8', start, start + length).replace(/\0.*$/s, '');
  let longName: string | undefined;
  for (let offset = 0; offset + 512 <= tar.length;) {
    const name = text(offset, 100);
    if (!name) break;
    const size = Number.parseInt(text(offset + 124, 12).trim() || '0', 8);
    const type = text(offset + 156, 1) || '0';
    const prefix = text(offset + 345, 155);
    const body = tar.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    // A pax header carries the next entry's path when it does not fit the ustar fields.
    if (type === 'x') {
      longName = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'))?.[1];
      continue;
    }
    const path = longName ?? (prefix ? `${prefix}/${name}` : name);
    longName = undefined;
    if (type === '0') files.set(path.replace(/^[^/]*\//, ''), body);
  }
  return files;
}

interface Manifest {
  version: string;
  files?: unknown;
  [field: string]: unknown;
}

/** What is wrong with a packed package, one line per problem. */
function problems(files: Map<string, Buffer>, manifest: Manifest): string[] {
  const found: string[] = [];
  if (!Array.isArray(manifest.files) || manifest.files.length === 0)
    found.push('package.json has no `files` list (or an empty one): say what to publish');
  const paths = [...files.keys()];
  const tests = paths.filter(
    (path) => /\.test\.[^/]+$/.test(path) || /(^|\/)(test|test-integration)\//.test(path),
  );
  if (tests.length) found.push(`test files: ${tests.join(', ')}`);
  const sources = paths.filter((path) => /\.[mc]?tsx?$/.test(path) && !/\.d\.[mc]?ts$/.test(path));
  if (sources.length) found.push(`TypeScript sources: ${sources.join(', ')}`);
  if (!paths.some((path) => /^readme(\.md)?$/i.test(path))) found.push('no README');
  if (!paths.some((path) => /^licen[cs]e(\.md|\.txt)?$/i.test(path))) found.push('no LICENSE');
  for (const field of DEPENDENCY_FIELDS) {
    const ranges = (manifest[field] ?? {}) as Record<string, string>;
    for (const [dependency, range] of Object.entries(ranges)) {
      if (/^(workspace|catalog):/.test(range))
        found.push(`${field}.${dependency} is still "${range}" in the packed package.json`);
    }
  }
  return found;
}

const size = (bytes: number) =>
  bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} kB` : `${(bytes / 1024 / 1024).toFixed(2)} MB`;

const packages = (JSON.parse(pnpm(['ls', '-r', '--depth=-1', '--json'])) as WorkspacePackage[]).filter(
  (pkg) => !pkg.private,
);
const outDir = mkdtempSync(join(tmpdir(), 'ringcx-packs-'));
const rows: string[][] = [];
const failures: string[] = [];
try {
  for (const pkg of packages) {
    const packed = JSON.parse(pnpm(['pack', '--json', '--pack-destination', outDir], pkg.path)) as PackResult;
    const files = readTarball(packed.filename);
    const manifest = JSON.parse(files.get('package.json')?.toString('utf8') ?? '{}') as Manifest;
    const found = problems(files, manifest);
    failures.push(...found.map((problem) => `${pkg.name}: ${problem}`));
    rows.push([
      pkg.name,
      manifest.version ?? '?',
      String(files.size),
      size(readFileSync(packed.filename).length),
      found.length ? 'FAILED' : 'ok',
    ]);
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}

const header = ['package', 'version', 'files', 'size', 'result'];
const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
console.log(
  [
    '\nPacked packages',
    line(header),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n'),
);
if (packages.length === 0) failures.push('no public workspace package found');
for (const failure of failures) console.error(`✖ ${failure}`);
process.exitCode = failures.length ? 1 : 0;
