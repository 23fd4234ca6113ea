/**
 * The sandbox against the official OpenAPI spec. Every test file's answers are already validated by the
 * shared test helper; this file makes sure the validator bites, finds which spec operations the sandbox
 * serves, drives each of them to a successful answer, and prints the coverage.
 */
import { describe, expect, it } from 'vitest';
import { SEED_IDS } from '../seed.ts';
import type { ApiResponseInfo } from '../server.ts';
import { openSandbox, useSandbox, type CallOptions, type Json } from '../test-helpers.ts';
import { correctEndpoint, startReceiver } from '../webhooks/test-harness.ts';
import { loadSpecValidator, OFF_SPEC_ROUTES, SPEC_FILE } from './spec-validator.ts';

const validator = await loadSpecValidator();
if (!validator) console.warn(`Conformance test skipped: no OpenAPI spec at ${SPEC_FILE}.`);

const S = SEED_IDS;
const PLACEHOLDER_ID = 'f0f0f0f0f0f0f0f0f0f0f0f0';

describe.skipIf(!validator)('the spec validator', () => {
  const spec = validator!;

  it('refuses a body whose field has the wrong type or format, naming the field', () => {
    const violation = spec.check({
      method: 'GET',
      route: '/1.0/content_threads/:threadId',
      status: 200,
      body: { id: S.threads.invoice, closed: 'no', created_at: 'yesterday' },
    });
    expect(violation?.operationId).toBe('getThread');
    expect(violation?.problems.join('\n')).toMatch(/\/closed must be boolean/);
    expect(violation?.problems.join('\n')).toMatch(/\/created_at must match format "date-time"/);
  });

  it('refuses a non-object where the spec describes an object', () => {
    const violation = spec.check({
      method: 'GET',
      route: '/1.0/contents/:contentId',
      status: 200,
      body: 'a content',
    });
    expect(violation?.problems).toEqual([expect.stringMatching(/must be object/)]);
  });

  it('refuses a success status the operation does not document', () => {
    const violation = spec.check({
      method: 'POST',
      route: '/1.0/contents',
      status: 201,
      body: { id: S.threads.invoice },
    });
    expect(violation?.problems).toEqual(['the spec documents no 201 answer (only 200, 422)']);
  });

  it('makes the test helper fail a sandbox whose answers did not conform', async () => {
    const watched = await openSandbox();
    await watched.call('GET', '/content_threads');
    expect(watched.violations).toEqual([]);
    watched.violations.push({
      method: 'GET',
      route: '/1.0/content_threads',
      status: 200,
      operationId: 'getAllThreads',
      problems: ['/count must be integer'],
    });
    await expect(watched.stop()).rejects.toThrow(
      /1 sandbox answer\(s\) do not conform[^]*GET \/1\.0\/content_threads → 200 \(getAllThreads\)/,
    );
  });

  it('accepts the nulls real answers carry although the spec marks nothing nullable', () => {
    expect(
      spec.check({
        method: 'GET',
        route: '/1.0/contents/:contentId',
        status: 200,
        body: { id: S.threads.invoice, intervention_id: null, in_reply_to_id: null, attachments: null },
      }),
    ).toBeUndefined();
  });

  it('refuses an error body that is not the API error format', () => {
    const violation = spec.check({ method: 'GET', route: null, status: 404, body: { error: 'not_found' } });
    expect(violation?.problems).toEqual([
      'the error body has no string "message"',
      'the error body\'s "status" is not 404',
    ]);
    expect(
      spec.check({ method: 'GET', route: null, status: 503, body: '<html>Service Unavailable</html>' }),
    ).toBeUndefined();
  });

  it('maps sandbox route patterns to spec operations, and knows the off-spec routes', () => {
    expect(spec.operationFor('PUT', '/1.0/interventions/:interventionId/close')?.operationId).toBe(
      'closeIntervention',
    );
    expect(spec.operationFor('GET', '/1.0/users/me')).toBeUndefined();
    expect(Object.keys(OFF_SPEC_ROUTES)).toEqual(['GET /users/me']);
    // The token's own user is a user: its answers are held to the spec's User schema.
    const violation = spec.check({ method: 'GET', route: '/1.0/users/me', status: 200, body: { id: 7 } });
    expect(violation).toMatchObject({
      operationId: 'getUser',
      problems: ['/id must be string {"type":"string"}'],
    });
  });
});

describe.skipIf(!validator)('conformance of every implemented operation', () => {
  const spec = validator!;
  const answers: ApiResponseInfo[] = [];
  const sandbox = useSandbox({ rateLimit: 0, onApiResponse: (info) => answers.push(info) });

  async function call(method: string, path: string, options: CallOptions = {}): Promise<Json> {
    const response = await sandbox().call(method, path, options);
    expect(response.status, `${method} ${path}: ${response.text}`).toBeLessThan(300);
    return response.body;
  }

  /** Spec operations whose path the sandbox routes (anything else falls to its JSON 404). */
  async function implementedOperations(): Promise<Set<string>> {
    const implemented = new Set<string>();
    for (const operation of spec.operations) {
      const path = operation.path.replace(/\{[^}]+\}/g, PLACEHOLDER_ID);
      const before = answers.length;
      await sandbox().call(operation.method, path);
      if (answers.slice(before).some((answer) => answer.route !== null)) implemented.add(operation.key);
    }
    return implemented;
  }

  /** At least one successful call of every operation the sandbox serves. */
  async function driveEveryOperation(): Promise<void> {
    const receiver = await startReceiver(correctEndpoint);
    try {
      await call('GET', '/status', { as: 'bot' });
      await call('GET', `/status/${S.users.alice}`, { as: 'bot' });
      await call('PUT', `/status/${S.users.alice}`, {
        as: 'agent',
        form: { custom_status_id: S.presenceStatuses.lunch },
      });
      await call('GET', '/users/me', { as: 'agent' });

      await call('PUT', `/content_sources/${S.sources.email}`, { form: { name: 'Support mailbox' } });
      await call('PUT', `/channels/${S.channels.async}`, { form: { name: 'Asynchronous' } });

      // A conversation: customer message, bot engage and reply, hand-over, agent work, closing.
      const { content } = sandbox().control.customerMessage({ body: 'Where is my parcel?' });
      const engaged = await call('POST', '/bots/engage', { as: 'bot', form: { content_id: content.id } });
      const reply = await call('POST', '/contents', {
        as: 'bot',
        json: { in_reply_to_id: content.id, body: 'Let me check.' },
      });
      await call('POST', '/bots/handover', {
        as: 'bot',
        form: {
          from: 'bot',
          to: 'agent',
          type: 'engage_virtual_agent',
          intervention_id: engaged.id,
          'thread_category_ids[]': [S.categories.human],
        },
      });
      await call('PUT', `/interventions/${engaged.id}`, {
        json: { custom_field_values: { order_number: 'A-17' } },
      });
      await call('PUT', `/interventions/${engaged.id}/update_categories`, {
        json: { category_ids: [S.categories.billing] },
      });
      await call('PUT', `/interventions/${engaged.id}/reassign`, { form: { user_id: S.users.alice } });
      await call('PUT', `/interventions/${engaged.id}/close`, { as: 'agent' });
      await call('PUT', `/contents/${reply.id}/update_categories`, {
        json: { category_ids: [S.categories.billing] },
      });
      await call('PUT', `/contents/${content.id}/ignore`);

      const second = sandbox().control.customerMessage({ body: 'Can someone call me?' });
      const opened = await call('POST', '/interventions', {
        as: 'agent',
        json: { content_id: second.content.id },
      });
      await call('DELETE', `/interventions/${opened.id}/cancel`, { as: 'agent' });
      const bot = sandbox().control.customerMessage({ body: 'Thanks, all good.' });
      const botIntervention = await call('POST', '/bots/engage', {
        as: 'bot',
        form: { content_id: bot.content.id },
      });
      await call('POST', '/bots/complete', { as: 'bot', json: { intervention_id: botIntervention.id } });

      const thread = content.thread_id;
      await call('PUT', `/content_threads/${thread}/update_categories`, {
        json: { thread_category_ids: [S.categories.sales] },
      });
      await sandbox().control.settle();
      await call('PUT', `/content_threads/${thread}/disable_text_input`);
      await call('PUT', `/content_threads/${thread}/enable_text_input`);
      await call('PUT', `/content_threads/${thread}/close`);
      await sandbox().control.settle();
      await call('GET', `/content_threads/${thread}/open`);
      await sandbox().control.settle();
      await call('PUT', `/content_threads/${S.threads.shipping}/ignore`);

      await call('POST', '/contents', {
        as: 'agent',
        json: {
          source_id: S.sources.email,
          title: 'Your order',
          to: ['david.lee@example.com'],
          body: 'It shipped.',
        },
      });
      const upload = new FormData();
      upload.append('file', new Blob(['hello'], { type: 'text/plain' }), 'hello.txt');
      const uploaded = await fetch(`${sandbox().baseUrl}/attachments?access_token=${sandbox().tokens.bot}`, {
        method: 'POST',
        body: upload,
      });
      expect(uploaded.status).toBe(200);

      await call('POST', '/identities/import', {
        form: { source_id: S.sources.whatsapp, identifier: '+33611223344', firstname: 'Jo' },
      });
      await call('PUT', `/identity_groups/${S.identityGroups.david}`, { form: { company: 'Acme' } });
      await call('PUT', `/identity_groups/${S.identityGroups.david}/merge`, {
        form: { associated_identity_id: S.identities.lucia },
      });

      const person = { firstname: 'Nina', lastname: 'Ortiz', role_id: S.roles.agent };
      const user = await call('POST', '/users', {
        json: { ...person, email: 'nina@example.com', password: 'a-long-password' },
      });
      await call('POST', '/users/invite', { json: { ...person, email: 'nina.invited@example.com' } });
      await call('PUT', `/users/${user.id}`, { json: { firstname: 'Nin' } });
      await call('GET', `/users/${user.id}/sources_permissions`);
      await call('PUT', `/users/${user.id}/sources_permissions`, {
        json: { sources_permissions: { [S.sources.email]: ['read'] } },
      });
      await call('DELETE', `/users/${user.id}`);

      for (const [path, fields] of [
        ['/teams', { name: 'Night shift' }],
        ['/categories', { name: 'Refunds' }],
        ['/tags', { name: 'Upset' }],
        ['/custom_fields', { associated_type_name: 'Intervention', label: 'Refund amount', type: 'float' }],
        ['/presence_status', { name: 'Meeting' }],
      ] as const) {
        const created = await call('POST', path, { json: fields });
        await call('PUT', `${path}/${created.id}`, { json: { name: 'Renamed', label: 'Renamed' } });
        await call('DELETE', `${path}/${created.id}`);
      }

      const webhook = await call('POST', '/webhooks', {
        json: { url: receiver.url, registered_events: ['content.imported'], verify_token: 'v' },
      });
      await call('PUT', `/webhooks/${webhook.id}`, { json: { name: 'Conformance' } });
      // Lists and one record each, now that every kind of record exists.
      for (const path of [
        '/content_sources',
        '/communities',
        '/channels',
        '/content_threads',
        '/contents',
        '/interventions',
        '/identities',
        '/identity_groups',
        '/users',
        '/roles',
        '/teams',
        '/categories',
        '/tags',
        '/custom_fields',
        '/presence_status',
        '/events',
        '/webhooks',
        '/attachments',
      ]) {
        const list = await call('GET', path);
        if (list.records[0]) await call('GET', `${path}/${list.records[0].id}`);
      }
      await call('DELETE', `/webhooks/${webhook.id}`);
    } finally {
      await sandbox().control.settle();
      await receiver.close();
    }
  }

  it('answers every implemented operation per its response schema, and prints the coverage', async () => {
    const implemented = await implementedOperations();
    answers.length = 0;
    await driveEveryOperation();

    const succeeded = new Set(
      answers
        .filter((answer) => answer.status < 300 && answer.route !== null)
        .map(
          (answer) =>
            spec.operationFor(answer.method, answer.route!)?.key ?? `${answer.method} ${answer.route}`,
        ),
    );
    const offSpec = [...succeeded].filter(
      (key) => !spec.operations.some((operation) => operation.key === key),
    );
    expect(
      offSpec.map((key) => key.replace(' /1.0', ' ')),
      'routes neither in the spec nor listed',
    ).toEqual(Object.keys(OFF_SPEC_ROUTES));
    expect(
      [...implemented].filter((key) => !succeeded.has(key)),
      'implemented but not driven',
    ).toEqual([]);
    expect(sandbox().violations).toEqual([]);

    const total = spec.operations.length;
    const share = Math.round((implemented.size / total) * 100);
    console.log(
      `sandbox implements ${implemented.size} of ${total} spec operations (${share}%); ` +
        `every response validated (${answers.length} answers in this drive); ` +
        `off-spec: ${Object.entries(OFF_SPEC_ROUTES)
          .map(([route, { reason }]) => `${route} (${reason})`)
          .join(', ')}`,
    );
    expect(implemented.size).toBeGreaterThan(0);
  });
});
