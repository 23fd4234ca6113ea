// Renders the shipped bot example in a real n8n editor and saves it as docs/editor.png for the README.
// Run after the build: `pnpm run screenshot` (needs n8n from scripts/install-n8n.sh and Chromium).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox } from '@ringcx-connectors/sandbox';
import { chromium } from 'playwright-core';
import { importBotExample, prepareUserFolder, startN8n } from './n8n-server.mts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WORKFLOW_ID = 'ringcxDocsBot001';
const CREDENTIAL_ID = 'ringcxDocsCred01';
const output = join(import.meta.dirname, '..', 'docs', 'editor.png');

const sandbox = await startSandbox({ rateLimit: 0 });
const userFolder = await prepareUserFolder();
await importBotExample(userFolder.folder, sandbox, { workflow: WORKFLOW_ID, credential: CREDENTIAL_ID });
const n8n = await startN8n(userFolder.folder, 60_000);

const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
try {
  const context = await browser.newContext({
    viewport: { width: 1600, height: 900 },
    colorScheme: 'light',
  });
  // Setting up the owner signs the context in: the response sets n8n's auth cookie.
  const setup = await context.request.post(`${n8n.url}rest/owner/setup`, {
    data: {
      email: 'owner@example.com',
      firstName: 'Docs',
      lastName: 'Owner',
      password: 'Screenshot-2026',
    },
  });
  if (!setup.ok()) throw new Error(`n8n refused the owner setup: ${setup.status()} ${await setup.text()}`);

  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${n8n.url}workflow/${WORKFLOW_ID}`);
  await page.locator('[data-test-id="canvas-node"]').first().waitFor();
  // The canvas fits the whole workflow with wide margins; two steps closer keep the labels readable
  // once the README scales the picture down. Zooming keeps the view centred.
  for (let step = 0; step < 2; step += 1) await page.locator('[data-test-id="zoom-in-button"]').click();
  // Off the controls, so no button shows a hover state; then let the zoom animation settle.
  await page.mouse.move(800, 200);
  await page.waitForTimeout(1_000);
  mkdirSync(join(output, '..'), { recursive: true });
  await page.screenshot({ path: output });
  process.stdout.write(`Saved ${output}\n`);
} finally {
  await browser.close();
  await n8n.stop();
  userFolder.remove();
  await sandbox.stop();
}
