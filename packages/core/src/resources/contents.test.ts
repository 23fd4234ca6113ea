import { describe, expect, it } from 'vitest';
import { searchQuery } from '../search.ts';
import { hexId, useRecordingServer } from './recording-server.ts';

const { server, client } = useRecordingServer();
const MESSAGE = hexId(1);
const SOURCE = hexId(2);

describe('Contents', () => {
  it('searches messages with q', async () => {
    server.respond = () => ({ body: { count: 0, offset: 0, limit: 30, records: [] } });
    await client().contents.list({ q: searchQuery({ thread: hexId(3) }).text('refund please') });

    expect(server.last.method).toBe('GET');
    expect(server.last.path).toBe('/contents');
    expect(server.last.searchParams.get('q')).toBe(`thread:${hexId(3)} text:"refund please"`);
  });

  it('replies with in_reply_to_id, private and structured content in a JSON body', async () => {
    server.respond = ({ json }) => ({
      body: { id: hexId(9), ...(json as object), synchronization_status: 'export_pending', shiny: true },
    });
    const structured = { type: 'select', items: [{ title: 'Yes', payload: 'yes' }] };
    const reply = await client().contents.reply(MESSAGE, {
      body: 'Pick one',
      private: true,
      author_id: hexId(4),
      attachment_ids: [hexId(5)],
      structured_content: structured,
      auto_submitted: true,
      disable_text_input_on_thread: true,
    });

    expect(server.last.method).toBe('POST');
    expect(server.last.path).toBe('/contents');
    expect(server.last.query).toBe('');
    expect(server.last.headers['content-type']).toBe('application/json');
    expect(server.last.json).toEqual({
      in_reply_to_id: MESSAGE,
      body: 'Pick one',
      private: true,
      author_id: hexId(4),
      attachment_ids: [hexId(5)],
      structured_content: structured,
      auto_submitted: true,
      disable_text_input_on_thread: true,
    });
    expect(reply['shiny']).toBe(true);
    expect(reply.synchronization_status).toBe('export_pending');
  });

  it('is not repeated when the reply times out or the server fails', async () => {
    server.respond = () => ({
      status: 502,
      body: { error: 'bad_gateway', message: 'Bad gateway', status: 502 },
    });
    const contents = client({ retry: { retries: 3, minDelayMs: 1, maxDelayMs: 1 } }).contents;

    await expect(contents.reply(MESSAGE, { body: 'Once only' })).rejects.toMatchObject({ kind: 'server' });
    expect(server.requests).toHaveLength(1);
  });

  it('starts an email discussion with recipient lists', async () => {
    await client().contents.create({
      source_id: SOURCE,
      title: 'Your order',
      body: 'It shipped.',
      to: ['ann@example.com'],
      cc: ['bob@example.com'],
      bcc: ['audit@example.com'],
    });

    expect(server.last.method).toBe('POST');
    expect(server.last.path).toBe('/contents');
    expect(server.last.json).toEqual({
      source_id: SOURCE,
      title: 'Your order',
      body: 'It shipped.',
      to: ['ann@example.com'],
      cc: ['bob@example.com'],
      bcc: ['audit@example.com'],
    });
  });

  it('starts a WhatsApp discussion from a template without a body', async () => {
    await client().contents.create({
      source_id: SOURCE,
      to: '+33634231224',
      template_name: 'order_update',
      template_language: 'en',
      components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ann' }] }],
    });

    expect(server.last.json).toMatchObject({ to: '+33634231224', template_name: 'order_update' });
    expect(server.last.json).not.toHaveProperty('in_reply_to_id');
  });

  it('refuses a new discussion without body or source before sending', () => {
    expect(() => client().contents.create({ source_id: SOURCE })).toThrow(/body is required/);
    expect(() => client().contents.create({ source_id: '', body: 'Hi' })).toThrow(/source_id is required/);
    expect(() => client().contents.reply('', { body: 'Hi' })).toThrow(/inReplyToId is required/);
    expect(server.requests).toHaveLength(0);
  });

  it('ignores and recategorizes a message', async () => {
    const contents = client().contents;
    await contents.ignore(MESSAGE);
    await contents.updateCategories(MESSAGE, [hexId(7)]);

    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `PUT /contents/${MESSAGE}/ignore`,
      `PUT /contents/${MESSAGE}/update_categories`,
    ]);
    expect(server.requests[1]!.json).toEqual({ category_ids: [hexId(7)] });
  });
});
