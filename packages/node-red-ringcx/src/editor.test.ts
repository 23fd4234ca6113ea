import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { SEED_IDS, startSandbox, type RunningSandbox } from '@ringcx-connectors/sandbox';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_RED_RELEASES, startRuntime, type FlowNode } from './test-support/runtime.ts';

/**
 * The editor as users see it, in headless Chromium: Debian's `chromium` package driven by
 * playwright-core, against a real Node-RED whose connection points at the sandbox.
 */
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  const reason = `${CHROMIUM} is missing (Debian: apt-get install -y chromium)`;
  // CI installs it: there a missing browser must fail the run, not hide the editor checks.
  if (process.env.CI) throw new Error(`The editor test needs Chromium: ${reason}.`);
  console.warn(`Skipping the editor test: ${reason}.`);
}

/** What the checks use of the editor's globals, inside the page. */
interface EditorNode {
  id: string;
  type: string;
  valid?: boolean;
}
declare const RED: {
  nodes: {
    getType(type: string): { category: string } | undefined;
    node(id: string): EditorNode;
    eachNode(visit: (node: EditorNode) => void): void;
    eachConfig(visit: (node: EditorNode) => void): void;
  };
  editor: { edit(node: EditorNode): void; editConfig(name: string, type: string, id: string): void };
  sidebar: { help: { show(type: string): void } };
  workspaces: { show(id: string): void };
};
declare const $: (selector: string) => { typedInput(method: 'type', value?: string): string };

const TYPES = [
  'ringcx-config',
  'ringcx-trigger',
  'ringcx-thread',
  'ringcx-message',
  'ringcx-intervention',
  'ringcx-lookup',
  'ringcx-request',
];
/** Set to refresh the README's screenshot (`docs/editor.png`) from a run. */
const SCREENSHOT = new URL('../docs/editor.png', import.meta.url);
const UPDATE_SCREENSHOT = Boolean(process.env.UPDATE_SCREENSHOT);

/** The bot example as shipped, with what a user fills in after importing it: connection, categories. */
async function botFlow(sandbox: RunningSandbox, publicUrl: string): Promise<FlowNode[]> {
  const example = JSON.parse(
    await readFile(new URL('../examples/Bot - answer, hand over or close.json', import.meta.url), 'utf8'),
  ) as FlowNode[];
  return example.map((node) => {
    if (node.type === 'ringcx-config') return { ...node, account: '', baseUrl: sandbox.baseUrl, publicUrl };
    if (node.type === 'ringcx-thread') {
      return {
        ...node,
        botCategoryIds: SEED_IDS.categories.bot,
        humanCategoryIds: SEED_IDS.categories.human,
      };
    }
    return node;
  });
}

describe.skipIf(!hasChromium).each(NODE_RED_RELEASES)('the editor, Node-RED $version', ({ module }) => {
  let sandbox: RunningSandbox;
  let runtime: Awaited<ReturnType<typeof startRuntime>>;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox();
    runtime = await startRuntime({}, module);
    const flow = await botFlow(sandbox, runtime.base);
    const connectionId = flow.find((node) => node.type === 'ringcx-config')?.id ?? '';
    // The two nodes the bot does not use, on a tab of their own.
    flow.push(
      { id: 'more', type: 'tab', label: 'more' },
      {
        id: 'lookup',
        z: 'more',
        type: 'ringcx-lookup',
        ringcx: connectionId,
        operation: 'source',
        x: 200,
        y: 80,
        wires: [[]],
      },
      { id: 'request', z: 'more', type: 'ringcx-request', ringcx: connectionId, x: 200, y: 160, wires: [[]] },
    );
    await runtime.deploy(flow, { [connectionId]: { accessToken: sandbox.tokens.bot } });

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1440, height: 820 } });
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    // The editor only talks to its runtime; anything else (the online palette catalogue) is not
    // reachable where the tests run.
    await page.route(
      (url) => !url.href.startsWith(runtime.base),
      (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{}' }),
    );
    await page.goto(runtime.base);
    await page.waitForSelector('.red-ui-palette-node[data-palette-type="ringcx-trigger"]', {
      timeout: 20_000,
    });
  }, 40_000);

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
    await sandbox?.stop();
  });

  it('lists every node in the RingCX palette category, and the connection as a config node', async () => {
    for (const type of TYPES.filter((type) => type !== 'ringcx-config')) {
      expect(await page.locator(`.red-ui-palette-node[data-palette-type="${type}"]`).count(), type).toBe(1);
    }
    const categories = await page.evaluate(
      (types) => types.map((type) => RED.nodes.getType(type)?.category),
      TYPES,
    );
    expect(categories).toEqual(['config', ...TYPES.slice(1).map(() => 'RingCX')]);
    expect(errors).toEqual([]);
  });

  it('opens every node’s edit dialog without errors, with its labels translated', async () => {
    const ids = await page.evaluate((types) => {
      const byType: Record<string, string> = {};
      RED.nodes.eachNode((node) => {
        if (types.includes(node.type)) byType[node.type] ??= node.id;
      });
      RED.nodes.eachConfig((node) => {
        if (types.includes(node.type)) byType[node.type] ??= node.id;
      });
      return byType;
    }, TYPES);
    expect(Object.keys(ids).sort()).toEqual([...TYPES].sort());
    for (const type of TYPES) {
      const id = ids[type] as string;
      await page.evaluate(
        ({ id, type }) => {
          if (type === 'ringcx-config') RED.editor.editConfig('', type, id);
          else RED.editor.edit(RED.nodes.node(id));
        },
        { id, type },
      );
      const form = page.locator('#dialog-form, #node-config-dialog-edit-form').first();
      await form.waitFor();
      // A missing catalog key shows the key itself instead of a label.
      const labels = await form.locator('label').allInnerTexts();
      expect(labels.filter((label) => label.trim()).length, type).toBeGreaterThan(0);
      expect(
        labels.filter((label) => label.includes(`${type}.`)),
        type,
      ).toEqual([]);
      await page.locator('#node-dialog-cancel, #node-config-dialog-cancel').first().click();
      await closed();
    }
    expect(errors).toEqual([]);
  }, 30_000);

  it('fills the dropdowns from the sandbox through the connection', async () => {
    const sources = await list<{ name: string; type: string }>('/content_sources');
    expect(await dropdown('lookup', 'sourceId', 'sources')).toEqual(
      sources.map((source) => `${source.name} (${source.type})`),
    );
    const categories = await list<{ name: string }>('/categories');
    expect(await dropdown(await firstOfType('ringcx-thread'), 'humanCategoryIds', 'categories')).toEqual(
      categories.map((category) => category.name),
    );
    expect(errors).toEqual([]);
  }, 20_000);

  it('renders each node’s help in the sidebar', async () => {
    for (const type of TYPES) {
      await page.evaluate((type) => RED.sidebar.help.show(type), type);
      const help = page.locator('.red-ui-help:visible').last();
      expect(await help.locator('p').first().innerText(), type).not.toBe('');
      // Each `: name (type) : description` line of the help must render as one property.
      const source = await readFile(new URL(`nodes/locales/en-US/${type}.html`, import.meta.url), 'utf8');
      const properties = source.split('\n').filter((line) => line.startsWith(': ')).length;
      expect(await help.locator('dl.message-properties dt').count(), type).toBe(properties);
      expect(await help.innerText(), type).not.toMatch(/`|^:/m);
    }
    expect(errors).toEqual([]);
  }, 20_000);

  it('shows the bot example flow, all its nodes valid', async () => {
    const invalid = await page.evaluate(() => {
      const found: string[] = [];
      RED.nodes.eachNode((node) => {
        if (node.type.startsWith('ringcx-') && !node.valid) found.push(node.id);
      });
      return found;
    });
    expect(invalid).toEqual([]);
    // As a user would look at it: the RingCX palette, the flow, the trigger's help.
    await page.setViewportSize({ width: 1680, height: 860 });
    await page.evaluate((tab) => RED.workspaces.show(tab), 'ex-bot');
    await page.evaluate(() => RED.sidebar.help.show('ringcx-trigger'));
    await page.locator('#red-ui-palette-search input').first().pressSequentially('ringcx');
    await page.locator('.red-ui-palette-node[data-palette-type="inject"]').waitFor({ state: 'hidden' });
    const png = await page.screenshot();
    expect(png.length).toBeGreaterThan(10_000);
    if (UPDATE_SCREENSHOT && module === 'node-red') {
      await mkdir(new URL('.', SCREENSHOT), { recursive: true });
      await writeFile(SCREENSHOT, png);
    }
  });

  /** Waits until the edit tray is gone (polled every frame: the editor removes it after 250 ms). */
  async function closed(): Promise<void> {
    await page.waitForFunction(() => !document.querySelector('.red-ui-tray'));
  }

  /** Every record of a sandbox list, as the bot sees it. */
  async function list<T>(path: string): Promise<T[]> {
    const response = await fetch(`${sandbox.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${sandbox.tokens.bot}` },
    });
    return ((await response.json()) as { records: T[] }).records;
  }

  async function firstOfType(type: string): Promise<string> {
    return page.evaluate((type) => {
      let id = '';
      RED.nodes.eachNode((node) => {
        if (node.type === type && !id) id = node.id;
      });
      return id;
    }, type);
  }

  /** Opens node `id`'s dialog and returns the RingCX choices `field` offers once `list` is loaded. */
  async function dropdown(id: string, field: string, list: string): Promise<string[]> {
    const loaded = page.waitForResponse((response) => response.url().endsWith(`/ringcx-connectors/${list}`));
    await page.evaluate((id) => RED.editor.edit(RED.nodes.node(id)), id);
    expect((await loaded).status()).toBe(200);
    // The RingCX type exists once the list has arrived and been handled; its menu shows the choices.
    await page.waitForFunction((field) => {
      const input = $(`#node-input-${field}`);
      input.typedInput('type', 'ringcx');
      return input.typedInput('type') === 'ringcx';
    }, field);
    await page
      .locator(`#node-input-${field} + .red-ui-typedInput-container .red-ui-typedInput-option-trigger`)
      .click();
    const choices = await page.locator('.red-ui-typedInput-options:visible a').allInnerTexts();
    await page.keyboard.press('Escape');
    await page.locator('#node-dialog-cancel').click();
    await closed();
    return choices.map((choice) => choice.trim()).filter(Boolean);
  }
});
