/**
 * The client against the official OpenAPI spec. Every public method of every resource is called, from
 * the table below, on a client whose transport only records requests; each request must be an
 * operation of the spec (method + path), carry every parameter the spec marks required, and send no
 * parameter the spec does not know (names compared without `[]`/`[key]`, query and body alike).
 *
 * The spec lives beside the repository, not in it; without it this file is skipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RingCxClient } from './defaults.ts';
import type { TransportRequest } from './http/transport.ts';
import { PageIterator } from './pagination.ts';
import { Resource } from './resources/resource.ts';
import { WEBHOOK_EVENT_TYPES } from './resources/webhooks.ts';
import { searchQuery } from './search.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SPEC_FILE = path.resolve(repoRoot, '../shared/ringcx-api/engage-digital_openapi3.yaml');
const specPresent = existsSync(SPEC_FILE);
if (!specPresent) {
  console.warn(`OpenAPI contract test skipped: the official spec was not found at ${SPEC_FILE}.`);
}

/**
 * Operations the client makes on purpose although the spec lacks them. `GET /users/me` (the token's
 * own user) is documented by the API's guides and used by the App SDK; it is the cheapest way to
 * check a token, and without this entry `/users/me` would be taken for `/users/{userId}`.
 */
const OFF_SPEC_OPERATIONS = new Set(['GET /users/me']);

/**
 * Parameters the spec marks required that the client may leave out, and why:
 * - `access_token` (the webhook operations): the client authenticates with the Authorization header,
 *   which the API accepts on every call and recommends;
 * - `identity_foreign_id` on hand-over: the spec's own description says it is only for channel
 *   (Messenger) hand-overs, and virtual-agent hand-overs have none;
 * - `body` on new messages: WhatsApp template messages carry none (WhatsApp outbound guide).
 */
const OPTIONAL_DESPITE_SPEC: Readonly<Record<string, readonly string[]>> = {
  '*': ['access_token'],
  'POST /bots/handover': ['identity_foreign_id'],
  'POST /contents': ['body'],
};

/** Parameters the API's guides document but the spec does not list. */
const DOCUMENTED_OFF_SPEC_PARAMS: Readonly<Record<string, readonly string[]>> = {
  // Structured messages, rich text and WhatsApp template variables.
  'POST /contents': ['structured_content', 'body_format', 'components'],
};

type Client = RingCxClient;
type ResourceKey = { [K in keyof Client]: Client[K] extends Resource ? K : never }[keyof Client];
type MethodKey<R> = { [K in keyof R]: R[K] extends (...args: never[]) => unknown ? K : never }[keyof R];
type ArgsOf<F> = F extends (...args: infer A) => unknown ? A : never;
/** Every resource and every method must appear (the compiler checks it too): a list of calls each. */
type Examples = { [R in ResourceKey]: { [M in MethodKey<Client[R]>]: ArgsOf<Client[R][M]>[] } };

const ID = 'a1a1a1a1a1a1a1a1a1a1a1a1';
const ID2 = 'b2b2b2b2b2b2b2b2b2b2b2b2';
const page = { offset: 0, limit: 10 };

/** The first call of each method passes only what its types require; later ones add every option. */
const EXAMPLES: Examples = {
  sources: {
    list: [[], [{ ...page, permission: 'initiate_discussion', active: true }]],
    iterate: [[{ permission: 'read', active: false }]],
    get: [[ID]],
  },
  channels: { list: [[page]], iterate: [[]], get: [[ID]] },
  threads: {
    list: [[{ ...page, q: searchQuery({ status_in: ['new'] }) }]],
    iterate: [[{ q: 'source:x' }]],
    get: [[ID]],
    close: [[ID]],
    open: [[ID]],
    ignore: [[ID]],
    updateCategories: [[ID, [ID2]]],
  },
  contents: {
    list: [[{ ...page, q: 'thread:x' }]],
    iterate: [[{ q: searchQuery({ source: ID }) }]],
    get: [[ID]],
    create: [
      [{ source_id: ID, body: 'Hello' }],
      [
        {
          source_id: ID,
          body: 'Hello',
          title: 'Subject',
          to: ['ann@example.com'],
          cc: ['bob@example.com'],
          bcc: ['eve@example.com'],
          author_id: ID2,
          private: false,
          attachment_ids: [ID2],
          auto_submitted: true,
          body_format: 'text',
          disable_text_input_on_thread: false,
        },
      ],
      [
        {
          source_id: ID,
          to: '+33634231224',
          template_name: 'order_update',
          template_language: 'en',
          components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ann' }] }],
        },
      ],
    ],
    reply: [
      [ID, { body: 'Thanks' }],
      [
        ID,
        {
          body: 'Pick one',
          private: true,
          author_id: ID2,
          attachment_ids: [ID2],
          structured_content: { type: 'select', items: [{ title: 'Yes', payload: 'yes' }] },
          auto_submitted: true,
          disable_text_input_on_thread: true,
          title: 'Re: order',
          cc: ['bob@example.com'],
          bcc: ['eve@example.com'],
        },
      ],
    ],
    ignore: [[ID]],
    updateCategories: [[ID, [ID2]]],
  },
  interventions: {
    list: [
      [
        {
          ...page,
          thread_id: ID,
          user_id: ID,
          identity_id: [ID, ID2],
          identity_group_id: ID,
          status: 'active',
          sort: 'updated_at',
        },
      ],
    ],
    iterate: [[{ status: 'closed' }]],
    get: [[ID]],
    create: [[{ content_id: ID }]],
    update: [[ID, { custom_field_values: { order: 'A-1', topics: ['a', 'b'] } }]],
    close: [[ID]],
    cancel: [[ID]],
    reassign: [[ID, ID2]],
    updateCategories: [[ID, [ID2]]],
  },
  identities: {
    list: [
      [
        {
          ...page,
          community_id: ID,
          source_id: ID,
          identity_group_id: ID,
          identity_group_ids: [ID, ID2],
          user_id: ID,
          foreign_id: 'f',
          uuid: 'u',
          sort: 'created_at',
        },
      ],
    ],
    iterate: [[]],
    get: [[ID]],
  },
  identityGroups: {
    list: [
      [{ ...page, firstname: 'a', lastname: 'b', email: 'c', uuid: 'd', ids: [ID], sort: 'updated_at' }],
    ],
    iterate: [[]],
    get: [[ID]],
    update: [
      [ID, {}],
      [
        ID,
        {
          firstname: 'Ann',
          lastname: 'Lee',
          gender: 'woman',
          company: 'Acme',
          emails: ['ann@example.com'],
          home_phones: ['+1'],
          mobile_phones: ['+2'],
          notes: 'VIP',
          tag_ids: [ID2],
          custom_field_values: { tier: 'gold' },
        },
      ],
    ],
  },
  users: {
    list: [
      [{ ...page, email: 'a', category_id: ID, identity_id: ID, external_id: 'x', role_id: ID, team_id: ID }],
    ],
    iterate: [[]],
    get: [[ID]],
    me: [[]],
  },
  teams: { list: [[page]], iterate: [[]], get: [[ID]] },
  categories: { list: [[{ ...page, ids: [ID, ID2], parent_id: ID }]], iterate: [[]], get: [[ID]] },
  tags: { list: [[{ ...page, ids: ID }]], iterate: [[]], get: [[ID]] },
  customFields: { list: [[page]], iterate: [[]], get: [[ID]] },
  webhooks: {
    list: [[page]],
    iterate: [[]],
    get: [[ID]],
    create: [
      [{ url: 'https://hooks.example.com', registered_events: ['content.imported'] }],
      [
        {
          url: 'https://hooks.example.com',
          registered_events: ['content.imported', 'content.thread_closed'],
          active: true,
          name: 'n',
          staging_use: false,
          verify_token: 'v',
          secret: 'contract-secret',
        },
      ],
    ],
    update: [
      [ID, {}],
      [ID, { url: 'https://hooks.example.com', active: false, registered_events: ['task.created'] }],
    ],
    delete: [[ID]],
  },
  attachments: {
    list: [[{ ...page, extension: 'pdf', created_before: '2024-01-02', created_after: '2024-01-01' }]],
    iterate: [[]],
    get: [[ID]],
    upload: [
      [new Blob(['x']), { filename: 'a.pdf' }],
      [new Blob(['x']), { filename: 'a.pdf', private: true }],
    ],
  },
  bots: {
    engage: [[{ content_id: ID }]],
    complete: [
      [{ intervention_id: ID }],
      [{ intervention_id: ID, close_thread: true, thread_category_ids: [ID2] }],
    ],
    handover: [
      [{ from: 'bot', to: 'agent', type: 'engage_virtual_agent' }],
      [
        {
          from: 'agent',
          to: 'bot',
          type: 'messenger',
          identity_foreign_id: 'psid',
          app_id: 'app',
          intervention_id: ID,
          thread_category_ids: [ID2],
          trigger: 't',
        },
      ],
    ],
  },
  agentStatus: {
    list: [[], [{ source_ids: [ID], category_ids: [ID], team_ids: [ID], spoken_languages: ['en'] }]],
    get: [[ID]],
  },
  events: { list: [[{ ...page, q: 'name_in:content.replied' }]], iterate: [[]], get: [[ID]] },
};

interface SpecParameter {
  name: string;
  in: string;
  required?: boolean;
}
interface SpecOperation {
  parameters?: SpecParameter[];
  requestBody?: { content?: Record<string, { schema?: { properties?: object; required?: string[] } }> };
}
interface Operation {
  known: Set<string>;
  required: Set<string>;
}

const HTTP_METHODS = ['get', 'post', 'put', 'delete'] as const;

/** `registered_events[]` → `registered_events`, `custom_field_values[key]` → `custom_field_values`. */
const baseName = (name: string) => name.replace(/\[.*$/, '');

/** Operations keyed `GET /content_threads/{}/open`. */
function loadSpec(): { operations: Map<string, Operation>; webhookEvents: string[] } {
  const spec = parse(readFileSync(SPEC_FILE, 'utf8')) as {
    paths: Record<string, Record<string, SpecOperation> & { parameters?: SpecParameter[] }>;
  };
  const operations = new Map<string, Operation>();
  let webhookEvents: string[] = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].filter((p) => p.in !== 'path');
      const known = new Set(params.map((p) => baseName(p.name)));
      const required = new Set(params.filter((p) => p.required).map((p) => baseName(p.name)));
      for (const content of Object.values(op.requestBody?.content ?? {})) {
        for (const name of Object.keys(content.schema?.properties ?? {})) known.add(name);
        for (const name of content.schema?.required ?? []) required.add(name);
      }
      const key = `${method.toUpperCase()} ${template.replace(/\{[^}]+\}/g, '{}')}`;
      operations.set(key, { known, required });
      if (key === 'POST /webhooks') {
        const events = params.find((p) => baseName(p.name) === 'registered_events') as
          (SpecParameter & { schema?: { items?: { enum?: string[] } } }) | undefined;
        webhookEvents = events?.schema?.items?.enum ?? [];
      }
    }
  }
  return { operations, webhookEvents };
}

/** `GET /content_threads/{}/open` and the parameter names a recorded request carried. */
function describeRequest(request: TransportRequest, basePath: string): { key: string; sent: Set<string> } {
  const url = new URL(request.url);
  const route = url.pathname
    .slice(basePath.length)
    .split('/')
    .map((segment) => (/^[0-9a-f]{24}$/.test(segment) ? '{}' : segment))
    .join('/');
  const sent = new Set([...url.searchParams.keys()].map(baseName));
  if (request.body instanceof FormData) for (const name of request.body.keys()) sent.add(baseName(name));
  else if (typeof request.body === 'string') {
    for (const name of Object.keys(JSON.parse(request.body) as object)) sent.add(baseName(name));
  }
  return { key: `${request.method} ${route}`, sent };
}

/** Public methods of a resource: everything on its prototype chain below `Resource`. */
function publicMethods(resource: Resource): string[] {
  const names = new Set<string>();
  for (let proto = Object.getPrototypeOf(resource) as object; proto !== Resource.prototype;) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (
        name !== 'constructor' &&
        typeof Object.getOwnPropertyDescriptor(proto, name)?.value === 'function'
      ) {
        names.add(name);
      }
    }
    proto = Object.getPrototypeOf(proto) as object;
  }
  return [...names].sort();
}

describe.skipIf(!specPresent)('contract with the official OpenAPI spec', () => {
  it('every client operation is a spec operation with its required parameters', async () => {
    const { operations } = loadSpec();
    const recorded: TransportRequest[] = [];
    const client = new RingCxClient({
      account: 'contract',
      accessToken: 'contract-token',
      rateLimit: false,
      retry: false,
      transport: async (request) => {
        recorded.push(request);
        return { status: 200, headers: {}, body: { count: 0, offset: 0, limit: 150, records: [] } };
      },
    });
    const basePath = new URL(client.baseUrl).pathname;
    const problems: string[] = [];
    const covered = new Set<string>();
    const examples = EXAMPLES as unknown as Record<string, Record<string, unknown[][]>>;
    const resources = Object.entries(client).filter(
      (entry): entry is [string, Resource] => entry[1] instanceof Resource,
    );
    expect(resources.length).toBeGreaterThan(0);
    const resourceNames = new Set(resources.map(([name]) => name));
    for (const name of Object.keys(examples)) {
      if (!resourceNames.has(name)) problems.push(`examples name "${name}", which the client does not have`);
    }

    for (const [resourceName, resource] of resources) {
      const table = examples[resourceName] ?? {};
      const methods = publicMethods(resource);
      for (const method of Object.keys(table)) {
        if (!methods.includes(method))
          problems.push(`examples name ${resourceName}.${method}, which does not exist`);
      }
      for (const method of methods) {
        const calls = table[method];
        if (!calls?.length) {
          problems.push(`${resourceName}.${method} has no example call: add it to EXAMPLES`);
          continue;
        }
        for (const args of calls) {
          const label = `${resourceName}.${method}(${JSON.stringify(args).slice(1, -1)})`;
          const before = recorded.length;
          const callable = (resource as unknown as Record<string, (...a: unknown[]) => unknown>)[method]!;
          const result = await callable.apply(resource, args);
          if (result instanceof PageIterator) await result.pages().next();
          const made = recorded.slice(before);
          if (made.length !== 1) {
            problems.push(`${label} made ${made.length} requests, expected 1`);
            continue;
          }
          const { key, sent } = describeRequest(made[0]!, basePath);
          if (OFF_SPEC_OPERATIONS.has(key)) continue;
          const operation = operations.get(key);
          if (!operation) {
            problems.push(`${label}: ${key} is not in the spec`);
            continue;
          }
          covered.add(key);
          const optional = new Set([...OPTIONAL_DESPITE_SPEC['*']!, ...(OPTIONAL_DESPITE_SPEC[key] ?? [])]);
          for (const name of operation.required) {
            if (!sent.has(name) && !optional.has(name)) problems.push(`${label}: ${key} requires "${name}"`);
          }
          const extra = new Set(DOCUMENTED_OFF_SPEC_PARAMS[key] ?? []);
          for (const name of sent) {
            if (!operation.known.has(name) && !extra.has(name)) {
              problems.push(`${label}: ${key} has no parameter "${name}"`);
            }
          }
        }
      }
    }

    const percent = Math.round((covered.size / operations.size) * 100);
    const offSpec = [...OFF_SPEC_OPERATIONS].join(', ');
    console.log(
      `OpenAPI contract: the client uses ${covered.size} of the spec's ${operations.size} operations ` +
        `(${percent}%), plus ${offSpec}, which the spec lacks.`,
    );
    expect(problems).toEqual([]);
    expect(covered.size).toBeGreaterThan(0);
  });

  it('knows every webhook event type the spec lets a webhook subscribe to', () => {
    const { webhookEvents } = loadSpec();
    expect(webhookEvents.length).toBeGreaterThan(0);
    const known: ReadonlySet<string> = new Set(WEBHOOK_EVENT_TYPES);
    expect(webhookEvents.filter((event) => !known.has(event))).toEqual([]);
  });
});
