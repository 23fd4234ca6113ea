import { describe, expect, it } from 'vitest';
import type { RingCxClient } from '../defaults.ts';
import { hexId, TEST_TOKEN, useRecordingServer } from './recording-server.ts';

const { server, client } = useRecordingServer();
const ID = hexId(1);
const page = { count: 1, offset: 0, limit: 30, records: [{ id: ID, unlisted: 'kept' }] };

type ListCase = [name: string, call: (c: RingCxClient) => Promise<unknown>, path: string, query: string];

describe('read-only collections', () => {
  it.each<ListCase>([
    [
      'sources',
      (c) => c.sources.list({ permission: 'initiate_discussion', active: true }),
      '/content_sources',
      'permission=initiate_discussion&active=true',
    ],
    ['channels', (c) => c.channels.list({ offset: 30 }), '/channels', 'offset=30'],
    [
      'identities',
      (c) => c.identities.list({ source_id: 's', identity_group_ids: ['g1', 'g2'], sort: 'updated_at' }),
      '/identities',
      'source_id=s&identity_group_ids=g1,g2&sort=updated_at',
    ],
    [
      'identity groups',
      (c) => c.identityGroups.list({ email: 'ann@example.com', ids: ['a', 'b'] }),
      '/identity_groups',
      'email=ann@example.com&ids=a,b',
    ],
    [
      'users',
      (c) => c.users.list({ email: 'Ann@Example.com', team_id: 't' }),
      '/users',
      'email=Ann@Example.com&team_id=t',
    ],
    ['teams', (c) => c.teams.list(), '/teams', ''],
    [
      'categories',
      (c) => c.categories.list({ parent_id: 'p', ids: 'a,b' }),
      '/categories',
      'parent_id=p&ids=a,b',
    ],
    ['tags', (c) => c.tags.list({ ids: ['t1'] }), '/tags', 'ids=t1'],
    ['custom fields', (c) => c.customFields.list({ limit: 150 }), '/custom_fields', 'limit=150'],
    [
      'events',
      (c) => c.events.list({ q: 'name_in:content.replied' }),
      '/events',
      'q=name_in:content.replied',
    ],
    ['webhooks', (c) => c.webhooks.list(), '/webhooks', ''],
  ])('lists %s with their filters', async (_name, call, path, query) => {
    server.respond = () => ({ body: page });
    const result = (await call(client())) as typeof page;

    expect(`${server.last.method} ${server.last.path}`).toBe(`GET ${path}`);
    expect(server.last.query).toBe(query);
    expect(result.records[0]!.unlisted).toBe('kept');
  });

  it.each([
    ['sources', '/content_sources'],
    ['channels', '/channels'],
    ['identities', '/identities'],
    ['identityGroups', '/identity_groups'],
    ['users', '/users'],
    ['teams', '/teams'],
    ['categories', '/categories'],
    ['tags', '/tags'],
    ['customFields', '/custom_fields'],
    ['events', '/events'],
    ['attachments', '/attachments'],
  ] as const)('reads one of %s by id, keeping unknown fields', async (resource, path) => {
    server.respond = () => ({ body: { id: ID, not_in_any_spec: [1, 2] } });
    const record = await client()[resource].get(ID);

    expect(`${server.last.method} ${server.last.path}`).toBe(`GET ${path}/${ID}`);
    expect(record['not_in_any_spec']).toEqual([1, 2]);
  });

  it('walks a collection 150 records per request', async () => {
    server.respond = ({ searchParams }) => {
      const offset = Number(searchParams.get('offset'));
      const records = Array.from({ length: offset === 0 ? 150 : 10 }, (_, i) => ({ id: hexId(offset + i) }));
      return { body: { count: 160, offset, limit: 150, records } };
    };
    const users = await client().users.iterate({ role_id: 'r' }).toArray();

    expect(users).toHaveLength(160);
    expect(server.requests.map((r) => r.query)).toEqual([
      'role_id=r&offset=0&limit=150',
      'role_id=r&offset=150&limit=150',
    ]);
  });
});

describe('Users.me', () => {
  it('reads the token user from GET /users/me with the bearer token', async () => {
    server.respond = () => ({ body: { id: ID, email: 'bot@example.com', role_id: 'r', extra: true } });
    const me = await client().users.me();

    expect(`${server.last.method} ${server.last.path}`).toBe('GET /users/me');
    expect(server.last.headers.authorization).toBe(`Bearer ${TEST_TOKEN}`);
    expect(me.email).toBe('bot@example.com');
    expect(me['extra']).toBe(true);
  });
});

describe('IdentityGroups.update', () => {
  it('sends the profile changes as JSON', async () => {
    await client().identityGroups.update(ID, {
      firstname: 'Ann',
      emails: ['ann@example.com'],
      tag_ids: [hexId(2)],
      custom_field_values: { tier: 'gold' },
    });

    expect(`${server.last.method} ${server.last.path}`).toBe(`PUT /identity_groups/${ID}`);
    expect(server.last.json).toEqual({
      firstname: 'Ann',
      emails: ['ann@example.com'],
      tag_ids: [hexId(2)],
      custom_field_values: { tier: 'gold' },
    });
  });
});

describe('AgentStatuses', () => {
  it('filters with Rails array parameters and returns the bare array', async () => {
    const agents = [
      {
        agent_id: ID,
        channels: [{ id: 'c', name: 'Async', status: 'available', busyness: 'ok' }],
        custom_status: null,
      },
    ];
    server.respond = () => ({ body: agents });
    const result = await client().agentStatus.list({ category_ids: ['c1', 'c2'], team_ids: ['t1'] });

    expect(`${server.last.method} ${server.last.path}`).toBe('GET /status');
    expect(server.last.query).toBe('category_ids[]=c1&category_ids[]=c2&team_ids[]=t1');
    expect(result).toEqual(agents);
  });

  it('reads one agent', async () => {
    await client().agentStatus.get(ID);
    expect(`${server.last.method} ${server.last.path}`).toBe(`GET /status/${ID}`);
  });
});

describe('Bots', () => {
  it('engages, completes and hands over with JSON bodies', async () => {
    const bots = client().bots;
    await bots.engage({ content_id: hexId(2) });
    await bots.complete({ intervention_id: hexId(3), close_thread: true, thread_category_ids: [hexId(4)] });
    await bots.handover({
      from: 'bot',
      to: 'agent',
      type: 'engage_virtual_agent',
      intervention_id: hexId(3),
      trigger: 'needs_human',
    });

    expect(server.requests.map((r) => [`${r.method} ${r.path}`, r.json])).toEqual([
      ['POST /bots/engage', { content_id: hexId(2) }],
      [
        'POST /bots/complete',
        { intervention_id: hexId(3), close_thread: true, thread_category_ids: [hexId(4)] },
      ],
      [
        'POST /bots/handover',
        {
          from: 'bot',
          to: 'agent',
          type: 'engage_virtual_agent',
          intervention_id: hexId(3),
          trigger: 'needs_human',
        },
      ],
    ]);
  });
});
