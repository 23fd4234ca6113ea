import { expect, it } from 'vitest';
import { connectionFromEnv } from './connection.ts';

it('leaves the sandbox demo alone when no RINGCX_ variable is set', () => {
  expect(connectionFromEnv({})).toBeUndefined();
});

it('resolves the account and host to the API root', () => {
  expect(connectionFromEnv({ RINGCX_ACCOUNT: 'Acme', RINGCX_TOKEN: 't' })?.baseUrl).toBe(
    'https://acme.api.digital.ringcentral.com/1.0',
  );
  expect(
    connectionFromEnv({ RINGCX_ACCOUNT: 'acme', RINGCX_HOST: 'engagement.dimelo.com', RINGCX_TOKEN: 't' })
      ?.baseUrl,
  ).toBe('https://acme.api.engagement.dimelo.com/1.0');
  expect(connectionFromEnv({ RINGCX_BASE_URL: 'http://127.0.0.1:4010', RINGCX_TOKEN: 't' })?.baseUrl).toBe(
    'http://127.0.0.1:4010/1.0',
  );
});

it('names the missing variable', () => {
  expect(() => connectionFromEnv({ RINGCX_ACCOUNT: 'acme' })).toThrow(/RINGCX_TOKEN is not set/);
  expect(() => connectionFromEnv({ RINGCX_TOKEN: 't' })).toThrow(/RINGCX_ACCOUNT is not set/);
});
