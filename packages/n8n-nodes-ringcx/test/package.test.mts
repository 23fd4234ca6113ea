import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { INodeType } from 'n8n-workflow';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runWorkflow } from './n8n-harness.mts';
import { botCredentials, SEED_IDS, startTestSandbox } from './sandbox.mts';

const root = fileURLToPath(new URL('..', import.meta.url));
const packageDir = mkdtempSync(join(tmpdir(), 'n8n-nodes-ringcx-package-'));

// The package as n8n installs it: package.json and the bundled dist, built here so the test does
// not depend on an earlier build.
beforeAll(async () => {
  const { build } = await import('tsdown');
  await build({
    cwd: root,
    config: join(root, 'tsdown.config.mts'),
    outDir: join(packageDir, 'dist'),
    logLevel: 'silent',
  });
  copyFileSync(join(root, 'package.json'), join(packageDir, 'package.json'));
}, 60_000);
afterAll(() => rmSync(packageDir, { recursive: true, force: true }));

async function loadPackage() {
  const { PackageDirectoryLoader } = await import('n8n-core');
  const loader = new PackageDirectoryLoader(packageDir);
  await loader.loadAll();
  return loader;
}

it('n8n loads every node and the credential from the built package, with icons and codex', async () => {
  const loader = await loadPackage();

  const name = '@ringcx-connectors/n8n-nodes-ringcx';
  expect(Object.keys(loader.nodeTypes).sort()).toEqual(['ringCx', 'ringCxPollTrigger', 'ringCxTrigger']);
  expect(Object.keys(loader.credentialTypes)).toEqual(['ringCxApi']);
  for (const description of loader.types.nodes) {
    expect(description.iconUrl).toEqual({
      light: `icons/${name}/dist/icons/ringcx.svg`,
      dark: `icons/${name}/dist/icons/ringcx.dark.svg`,
    });
    expect(description.codex?.categories).toEqual(['Communication', 'Sales']);
    expect(description.codex?.resources?.primaryDocumentation?.[0]?.url).toMatch(/^https:\/\//);
  }
  // n8n names an installed package's nodes `<package>.<node>`, as the example workflow does.
  expect(loader.packageName).toBe(name);
  const action = loader.types.nodes.find((description) => description.name === 'ringCx');
  expect(action?.usableAsTool).toBe(true);
});

it('the built node runs in a workflow, with core bundled in and n8n-workflow taken from n8n', async () => {
  const loader = await loadPackage();
  const sandbox = await startTestSandbox();
  try {
    const type = '@ringcx-connectors/n8n-nodes-ringcx.ringCx';
    const run = await runWorkflow(
      {
        nodes: [
          { id: 's', name: 'Start', type: 'test.start', typeVersion: 1, position: [0, 0], parameters: {} },
          {
            id: 'r',
            name: 'RingCX',
            type,
            typeVersion: 1,
            position: [200, 0],
            parameters: { resource: 'user', operation: 'getMe' },
            credentials: { ringCxApi: { id: '1', name: 'RingCX account' } },
          },
        ],
        connections: { Start: { main: [[{ node: 'RingCX', type: 'main', index: 0 }]] } },
      },
      {
        credentials: botCredentials(sandbox),
        startNode: 'Start',
        nodeTypes: { [type]: loader.nodeTypes.ringCx!.type as INodeType },
      },
    );
    expect(run.data.resultData.error).toBeUndefined();
    expect(run.data.resultData.runData.RingCX?.[0]?.data?.main?.[0]?.[0]?.json.id).toBe(SEED_IDS.users.bot);
  } finally {
    await sandbox.stop();
  }
});
