import { describe, expect, it } from 'vitest';
import { SEED_IDS } from '../seed.ts';
import { useSandbox, type Json } from '../test-helpers.ts';

const sandbox = useSandbox();

async function upload(name: string, content: string, extra: Record<string, string> = {}) {
  const form = new FormData();
  for (const [key, value] of Object.entries(extra)) form.append(key, value);
  form.append('file', new Blob([content], { type: 'text/plain' }), name);
  const response = await fetch(`${sandbox().baseUrl}/attachments?access_token=${sandbox().tokens.bot}`, {
    method: 'POST',
    body: form,
  });
  return { status: response.status, body: (await response.json()) as Json };
}

describe('attachments', () => {
  it('uploads a file (multipart), shows it, lists it and serves its bytes', async () => {
    const created = await upload('notes.txt', 'hello attachment', { private: 'true' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      filename: 'notes.txt',
      content_type: 'text/plain',
      size: 16,
      embed: false,
      'public?': false,
    });
    const shown = await sandbox().call('GET', `/attachments/${created.body.id}`);
    expect(shown.body.id).toBe(created.body.id);
    const listed = await sandbox().call('GET', '/attachments', { query: { extension: 'txt' } });
    expect(listed.body.records.map((attachment: Json) => attachment.id)).toContain(created.body.id);
    expect((await sandbox().call('GET', '/attachments', { query: { extension: 'pdf' } })).body.count).toBe(0);
    const file = await fetch(`${created.body.url}?access_token=${sandbox().tokens.admin}`);
    expect(await file.text()).toBe('hello attachment');
    expect((await fetch(created.body.url)).status).toBe(401);
  });

  it('attaches uploaded files to a reply, and refuses unknown ones', async () => {
    const created = await upload('invoice.pdf', '%PDF-1.4');
    const { content } = sandbox().control.customerMessage({ body: 'Send me the invoice' });
    const reply = await sandbox().call('POST', '/contents', {
      as: 'bot',
      json: { in_reply_to_id: content.id, body: 'Here it is', attachment_ids: [created.body.id] },
    });
    expect(reply.body.attachments_count).toBe(1);
    expect(reply.body.attachments[0]).toMatchObject({
      id: created.body.id,
      filename: 'invoice.pdf',
      embed: 'false',
      'public?': 'true',
    });
    const unknown = await sandbox().call('POST', '/contents', {
      as: 'bot',
      json: { in_reply_to_id: content.id, body: 'x', attachment_ids: ['000000000000000000000000'] },
    });
    expect(unknown.status).toBe(422);
    expect(SEED_IDS.sources.messaging).toBe(reply.body.source_id);
  });

  it('explains what to send when the upload is not multipart or has no file', async () => {
    const json = await sandbox().call('POST', '/attachments', { json: { file: 'x' } });
    expect(json.status).toBe(422);
    expect(json.body.message).toContain('multipart/form-data');
    const form = new FormData();
    form.append('other', 'x');
    const response = await fetch(`${sandbox().baseUrl}/attachments?access_token=${sandbox().tokens.bot}`, {
      method: 'POST',
      body: form,
    });
    expect(response.status).toBe(422);
  });
});
