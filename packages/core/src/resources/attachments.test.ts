import { describe, expect, it } from 'vitest';
import { hexId, useRecordingServer } from './recording-server.ts';

const { server, client } = useRecordingServer();

describe('Attachments', () => {
  it('uploads a file as the multipart field "file"', async () => {
    server.respond = () => ({ body: { id: hexId(1), filename: 'invoice.pdf', 'public?': false } });
    const attachment = await client().attachments.upload(
      new Blob(['%PDF-1.4 fake'], { type: 'application/pdf' }),
      { filename: 'invoice.pdf', private: true },
    );

    expect(`${server.last.method} ${server.last.path}`).toBe('POST /attachments');
    expect(server.last.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const form = await server.formData(server.last);
    const file = form.get('file') as File;
    expect(file.name).toBe('invoice.pdf');
    expect(file.type).toBe('application/pdf');
    expect(await file.text()).toBe('%PDF-1.4 fake');
    expect(form.get('private')).toBe('true');
    expect(attachment['public?']).toBe(false);
  });

  it('leaves private out unless asked', async () => {
    await client().attachments.upload(new Blob(['x']), { filename: 'a.txt' });
    const form = await server.formData(server.last);
    expect([...form.keys()]).toEqual(['file']);
  });

  it('refuses an upload without a file name before sending', () => {
    expect(() => client().attachments.upload(new Blob(['x']), { filename: ' ' })).toThrow(
      /filename is required/,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('lists by extension and creation date', async () => {
    server.respond = () => ({ body: { count: 0, offset: 0, limit: 30, records: [] } });
    await client().attachments.list({ extension: 'pdf', created_after: '2024-01-01T00:00:00Z' });
    expect(server.last.path).toBe('/attachments');
    expect(server.last.query).toBe('extension=pdf&created_after=2024-01-01T00:00:00Z');
  });
});
