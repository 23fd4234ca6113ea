import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { status, STATUS_TEXTS } from './status.ts';

const catalog = async (lang: string) =>
  JSON.parse(
    await readFile(new URL(`../nodes/locales/${lang}/ringcx-config.json`, import.meta.url), 'utf8'),
  ) as {
    'ringcx-config': { status: Record<string, string> };
  };

describe('status texts', () => {
  it.each(['en-US', 'de'])(
    'are all translated in %s, within the 20 characters a status shows',
    async (lang) => {
      const texts = (await catalog(lang))['ringcx-config'].status;
      for (const key of Object.keys(STATUS_TEXTS)) {
        expect(texts[key], key).toEqual(expect.any(String));
        expect(texts[key]?.length, key).toBeLessThanOrEqual(20);
      }
    },
  );

  it('names the connection catalog, so that every RingCX node can show them', () => {
    expect(status('red', 'ring', 'tokenRefused').text).toBe(
      '@ringcx-connectors/node-red-ringcx/ringcx-config:ringcx-config.status.tokenRefused',
    );
  });
});
