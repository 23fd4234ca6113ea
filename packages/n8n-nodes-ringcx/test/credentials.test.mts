import { resolveBaseUrl } from '@ringcx-connectors/core';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RingCxApi } from '../credentials/RingCxApi.credentials.ts';
import { connectionSettings } from '../nodes/shared/client.ts';
import { evaluateWithCredentials } from './n8n-harness.mts';
import { startTestSandbox, type RunningSandbox } from './sandbox.mts';

const credential = new RingCxApi();

/** The credential test's base URL, resolved as n8n resolves it. */
async function testBaseUrl(credentials: ICredentialDataDecryptedObject): Promise<string> {
  return String(await evaluateWithCredentials(credential.test.request.baseURL!, credentials));
}

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.stop());

describe('RingCX API credential', () => {
  it.each([
    { host: 'digital.ringcentral.com', account: 'acme' },
    { host: 'digital.ringcentral.com', account: ' ACME ' },
    { host: 'engagement.dimelo.com', account: 'acme' },
    { host: 'digital.ringcentral.com', account: 'https://acme.digital.ringcentral.com/' },
    { host: 'custom', baseUrl: 'http://127.0.0.1:4010' },
    { host: 'custom', baseUrl: 'https://proxy.example.com/ringcx/1.0/' },
  ] as ICredentialDataDecryptedObject[])(
    'the credential test calls the same API root as the nodes: %o',
    async (credentials) => {
      expect(await testBaseUrl(credentials)).toBe(resolveBaseUrl(connectionSettings(credentials)));
    },
  );

  it('the credential test request succeeds with a valid token and is refused with a wrong one', async () => {
    const url = async (accessToken: string) => {
      const request = { host: 'custom', baseUrl: sandbox.baseUrl, accessToken };
      const headers = { Authorization: `Bearer ${accessToken}` };
      return await fetch(`${await testBaseUrl(request)}${credential.test.request.url}`, { headers });
    };
    expect((await url(sandbox.tokens.bot)).status).toBe(200);
    const refused = await url('not-a-token');
    expect(refused.status).toBe(401);
    const rule = credential.test.rules?.find((candidate) => candidate.properties.value === 401);
    expect(rule?.properties.message).toMatch(/access token/);
  });

  it('the token is a password field and sent as a bearer header', () => {
    const token = credential.properties.find((property) => property.name === 'accessToken');
    expect(token?.typeOptions?.password).toBe(true);
    expect(credential.authenticate.properties.headers).toEqual({
      Authorization: '=Bearer {{$credentials.accessToken}}',
    });
  });
});
