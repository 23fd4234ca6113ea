import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSandbox } from '../test-helpers.ts';

const directory = mkdtempSync(join(tmpdir(), 'ringcx-sandbox-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('persistence', () => {
  it('keeps data and webhooks in the data file across a restart', async () => {
    const dataFile = join(directory, 'data.sqlite');
    const first = await openSandbox({ dataFile });
    await first.call('POST', '/tags', { form: { name: 'Survives restarts' } });
    const { content } = first.control.customerMessage({ body: 'Remember me' });
    const webhook = await first.call('POST', '/webhooks', {
      form: { url: 'http://127.0.0.1:9/hook', 'registered_events[]': ['content.imported'], active: 'false' },
    });
    expect(webhook.status).toBe(200);
    await first.stop();

    const second = await openSandbox({ dataFile });
    try {
      expect(second.control.info().seed).toBe('persisted');
      const tags = await second.call('GET', '/tags');
      expect(tags.body.records.map((tag: { name: string }) => tag.name)).toContain('Survives restarts');
      expect((await second.call('GET', `/contents/${content.id}`)).body.body).toBe('Remember me');
      expect((await second.call('GET', '/webhooks')).body.count).toBe(1);
      // A reset writes the seed back to the file.
      await second.control.reset();
      expect((await second.call('GET', `/contents/${content.id}`)).status).toBe(404);
    } finally {
      await second.stop();
    }
  });
});
