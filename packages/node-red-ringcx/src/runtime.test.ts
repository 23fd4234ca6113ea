import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiDouble, type ApiDouble } from './test-support/api-double.ts';
import { customerMessage, delivery } from './test-support/events.ts';
import { MODULE, NODE_RED_RELEASES, startRuntime, until, type FlowNode } from './test-support/runtime.ts';

const VERIFY_TOKEN = 'runtime-verify-token-0123456789';
const SECRET = 'runtime-secret-0123456789';
const credentials = {
  c1: { accessToken: 'runtime-token-0123456789' },
  t1: { verifyToken: VERIFY_TOKEN, secret: SECRET },
};

const sink: Array<Record<string, unknown>> = [];
let api: ApiDouble;
let runtime: Awaited<ReturnType<typeof startRuntime>>;

/** Trigger → create intervention → reply → close intervention, with no function node in between. */
function botFlow(path: string): FlowNode[] {
  return [
    { id: 'f1', type: 'tab', label: 'bot' },
    { id: 'c1', type: 'ringcx-config', baseUrl: api.baseUrl },
    {
      id: 't1',
      z: 'f1',
      type: 'ringcx-trigger',
      ringcx: 'c1',
      mode: 'webhook',
      path,
      trigger: 'new_customer_message',
      wires: [['i1']],
    },
    {
      id: 'i1',
      z: 'f1',
      type: 'ringcx-intervention',
      ringcx: 'c1',
      operation: 'create',
      contentId: 'ringcx.contentId',
      contentIdType: 'msg',
      wires: [['m1']],
    },
    {
      id: 'm1',
      z: 'f1',
      type: 'ringcx-message',
      ringcx: 'c1',
      operation: 'reply',
      contentId: 'ringcx.contentId',
      contentIdType: 'msg',
      body: 'Thanks, we are on it.',
      bodyType: 'str',
      wires: [['i2']],
    },
    {
      id: 'i2',
      z: 'f1',
      type: 'ringcx-intervention',
      ringcx: 'c1',
      operation: 'close',
      interventionId: 'ringcx.interventionId',
      interventionIdType: 'msg',
      wires: [['s1']],
    },
    {
      id: 's1',
      z: 'f1',
      type: 'function',
      func: "global.get('sink').push(msg); return null;",
      outputs: 0,
      wires: [],
    },
  ];
}

const handshake = (path: string) =>
  fetch(`${runtime.base}${path}?hub.mode=subscribe&hub.challenge=c-42&hub.verify_token=${VERIFY_TOKEN}`);

const deploy = (path: string) =>
  runtime.deploy(botFlow(path), credentials, async () => (await handshake(path)).status === 200);

const post = (path: string, body: unknown, secret = SECRET) =>
  fetch(`${runtime.base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-dimelo-secret': secret },
    body: JSON.stringify(body),
  });

describe.each(NODE_RED_RELEASES)('the package in a real Node-RED $version', ({ module, version }) => {
  beforeAll(async () => {
    api = await startApiDouble({
      'GET /users/me': { id: 'u-bot', email: 'bot@example.com' },
      'POST /interventions': (request) => ({
        id: `iv-${(request.body as { content_id: string }).content_id}`,
        thread_id: 'thread-1',
        source_id: 'source-1',
      }),
      'POST /contents': (request) => ({ id: 'reply-1', thread_id: 'thread-1', ...(request.body as object) }),
      'PUT /interventions/iv-m1/close': { id: 'iv-m1', closed: true },
      'PUT /interventions/iv-m2/close': { id: 'iv-m2', closed: true },
      'GET /content_sources': {
        count: 1,
        offset: 0,
        limit: 150,
        records: [{ id: 'source-1', name: 'Web chat', type: 'engage_messaging' }],
      },
    });
    sink.length = 0;
    runtime = await startRuntime({ sink }, module);
    await deploy('/hooks/ringcx');
  }, 30_000);

  afterAll(async () => {
    await runtime.stop();
    await api.close();
  });

  it('loads every node set without error, with its editor files, icon, catalogs and shared editor code', async () => {
    expect(((await (await fetch(`${runtime.base}/settings`)).json()) as { version: string }).version).toBe(
      version,
    );
    const sets = (await (
      await fetch(`${runtime.base}/nodes`, { headers: { accept: 'application/json' } })
    ).json()) as Array<{
      module: string;
      name: string;
      err?: unknown;
    }>;
    const ours = sets.filter((set) => set.module === MODULE);
    expect(ours.map((set) => set.name).sort()).toEqual([
      'ringcx-config',
      'ringcx-intervention',
      'ringcx-lookup',
      'ringcx-message',
      'ringcx-request',
      'ringcx-thread',
      'ringcx-trigger',
    ]);
    expect(ours.filter((set) => set.err)).toEqual([]);
    const catalog = await (await fetch(`${runtime.base}/locales/${MODULE}/ringcx-trigger?lng=de`)).json();
    expect(catalog).toMatchObject({
      'ringcx-trigger': { trigger: { new_customer_message: 'Neue Kundennachricht' } },
    });
    const editor = await (await fetch(`${runtime.base}/nodes`, { headers: { accept: 'text/html' } })).text();
    for (const set of ours) {
      expect(editor).toContain(`RED.nodes.registerType('${set.name}'`);
      expect(editor).toContain(`data-help-name="${set.name}"`);
    }
    expect((await fetch(`${runtime.base}/icons/${MODULE}/ringcx.svg`)).status).toBe(200);
    expect((await fetch(`${runtime.base}/resources/${MODULE}/editor.js`)).status).toBe(200);
  });

  it('answers the handshake and runs trigger → intervention → reply → close with no function node', async () => {
    expect(await (await handshake('/hooks/ringcx')).text()).toBe('c-42');
    // JSON the admin app's body parser already consumed: the route must not wait for the stream.
    const response = await post('/hooks/ringcx', delivery('d1', [customerMessage('m1')]));
    expect(response.status).toBe(200);
    await until(() => sink.length === 1, 'the flow to finish');
    expect(sink[0]?.ringcx).toMatchObject({ contentId: 'm1', interventionId: 'iv-m1', replyId: 'reply-1' });
    const writes = api.requests.filter((r) => r.method !== 'GET').map((r) => [r.method, r.path, r.body]);
    expect(writes).toEqual([
      ['POST', '/interventions', { content_id: 'm1' }],
      ['POST', '/contents', { in_reply_to_id: 'm1', body: 'Thanks, we are on it.' }],
      ['PUT', '/interventions/iv-m1/close', undefined],
    ]);
  });

  it('refuses a wrong secret and never runs the flow twice for one event', async () => {
    expect(
      (await post('/hooks/ringcx', delivery('d9', [customerMessage('m9')]), 'wrong-secret')).status,
    ).toBe(401);
    expect((await post('/hooks/ringcx', delivery('d1-again', [customerMessage('m1')]))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sink).toHaveLength(1);
  });

  it('keeps exactly one route per path across redeploys, and serves a new path at once', async () => {
    const routes = (path: string) =>
      runtime.RED.httpNode._router.stack.filter((layer) => layer.route?.path === path).length;
    expect(routes('/hooks/ringcx')).toBe(2); // GET and POST
    await deploy('/hooks/other');
    await deploy('/hooks/ringcx');
    await deploy('/hooks/ringcx');
    expect(routes('/hooks/ringcx')).toBe(2);
    await deploy('/hooks/other');
    expect((await post('/hooks/ringcx', delivery('d2', [customerMessage('m2')]))).status).toBe(404);
    expect((await post('/hooks/other', delivery('d2', [customerMessage('m2')]))).status).toBe(200);
    await until(() => sink.length === 2, 'the flow to finish');
    expect(sink[1]?.ringcx).toMatchObject({ contentId: 'm2', interventionId: 'iv-m2' });
  });

  it('fills editor dropdowns from the account, also for a connection not deployed yet', async () => {
    const list = (name: string, body: Record<string, unknown>) =>
      fetch(`${runtime.base}/ringcx-connectors/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const deployed = await list('sources', { config: 'c1' });
    expect(await deployed.json()).toEqual([{ value: 'source-1', label: 'Web chat (engage_messaging)' }]);

    const typed = await list('sources', {
      config: 'not-deployed',
      baseUrl: api.baseUrl,
      accessToken: 'typed-token-0123456789',
    });
    expect(typed.status).toBe(200);
    expect(api.requests.at(-1)?.authorization).toBe('Bearer typed-token-0123456789');

    const noToken = await list('sources', { config: 'not-deployed', baseUrl: api.baseUrl });
    expect(noToken.status).toBe(400);
    expect(((await noToken.json()) as { error: string }).error).toContain('Invalid access token');
    expect((await list('secrets', { config: 'c1' })).status).toBe(404);
  });

  it('serves editor definitions that register every type with the defaults its runtime reads', async () => {
    const editor = await (await fetch(`${runtime.base}/nodes`, { headers: { accept: 'text/html' } })).text();
    const definitions: Record<
      string,
      { category: string; defaults: Record<string, unknown>; oneditprepare?: () => void }
    > = {};
    const RED = {
      nodes: {
        registerType: (type: string, definition: (typeof definitions)[string]) =>
          (definitions[type] = definition),
      },
      validators: { number: () => () => true, regex: () => () => true },
    };
    const scripts = [...editor.matchAll(/<script type="text\/javascript">([\s\S]*?)<\/script>/g)].map(
      (match) => match[1] ?? '',
    );
    for (const script of scripts.filter((code) => code.includes("registerType('ringcx-"))) {
      new Function('RED', script)(RED);
    }
    expect(Object.keys(definitions).sort()).toEqual([
      'ringcx-config',
      'ringcx-intervention',
      'ringcx-lookup',
      'ringcx-message',
      'ringcx-request',
      'ringcx-thread',
      'ringcx-trigger',
    ]);
    // Each action node's editor lists its fields; every one needs a value and a type default.
    for (const type of [
      'ringcx-thread',
      'ringcx-message',
      'ringcx-intervention',
      'ringcx-lookup',
      'ringcx-request',
    ]) {
      let spec: { operations: Record<string, string[]>; fields: Record<string, unknown> } | undefined;
      const prepare = definitions[type]?.oneditprepare;
      (globalThis as { RingCxEditor?: unknown }).RingCxEditor = {
        prepare: (_node: unknown, given: typeof spec) => (spec = given),
      };
      prepare?.call({});
      const fields = Object.keys(spec?.fields ?? {});
      expect(fields.length).toBeGreaterThan(0);
      for (const field of fields) {
        expect(definitions[type]?.defaults).toHaveProperty(field);
        expect(definitions[type]?.defaults).toHaveProperty(`${field}Type`);
      }
      for (const used of Object.values(spec?.operations ?? {}).flat()) expect(fields).toContain(used);
    }
    delete (globalThis as { RingCxEditor?: unknown }).RingCxEditor;
  });
});
