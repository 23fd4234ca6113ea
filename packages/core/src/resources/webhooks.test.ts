import { describe, expect, it } from 'vitest';
import { hexId, useRecordingServer } from './recording-server.ts';

const { server, client } = useRecordingServer();
const WEBHOOK = hexId(1);

describe('Webhooks', () => {
  it('creates a subscription with its events as a list', async () => {
    server.respond = ({ json }) => ({
      body: { id: WEBHOOK, ...(json as object), webhook_status: 'ok', api_access_token: { id: hexId(2) } },
    });
    const webhook = await client().webhooks.create({
      url: 'https://hooks.example.com/ringcx',
      registered_events: [
        'content.imported',
        'content.thread_closed',
        'intervention_segment.summary_generated',
      ],
      active: true,
      name: 'Support bot',
      staging_use: false,
      verify_token: 'verify-me',
      secret: 'webhook-secret-1234',
    });

    expect(`${server.last.method} ${server.last.path}`).toBe('POST /webhooks');
    expect(server.last.json).toEqual({
      url: 'https://hooks.example.com/ringcx',
      registered_events: [
        'content.imported',
        'content.thread_closed',
        'intervention_segment.summary_generated',
      ],
      active: true,
      name: 'Support bot',
      staging_use: false,
      verify_token: 'verify-me',
      secret: 'webhook-secret-1234',
    });
    expect(webhook.webhook_status).toBe('ok');
    expect(webhook['name']).toBe('Support bot');
  });

  it('never shows the webhook secret in an error, even when the API echoes it', async () => {
    server.respond = () => ({
      status: 422,
      body: { error: 'validation_error', message: 'Secret webhook-secret-5678 is not ASCII', status: 422 },
    });
    const error = await client()
      .webhooks.create({
        url: 'https://x.example',
        registered_events: ['content.imported'],
        secret: 'webhook-secret-5678',
      })
      .catch((e: unknown) => e as Error);

    expect(error).toMatchObject({ kind: 'validation' });
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain('webhook-secret-5678');
  });

  it('updates only the given fields, reads and deletes by id', async () => {
    const webhooks = client().webhooks;
    await webhooks.update(WEBHOOK, { active: false });
    await webhooks.get(WEBHOOK);
    await webhooks.delete(WEBHOOK);

    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `PUT /webhooks/${WEBHOOK}`,
      `GET /webhooks/${WEBHOOK}`,
      `DELETE /webhooks/${WEBHOOK}`,
    ]);
    expect(server.requests[0]!.json).toEqual({ active: false });
  });
});
