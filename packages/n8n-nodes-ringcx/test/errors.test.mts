import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRingCx } from './n8n-harness.mts';
import { requestsSince, startTestSandbox, type RunningSandbox } from './sandbox.mts';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.stop());

const getMe = { resource: 'user', operation: 'getMe' };

describe('errors users can hit', () => {
  it('a refused token says to check it, and the token appears nowhere', async () => {
    const token = 'wrong-token-that-must-stay-secret';
    const result = await runRingCx({
      credentials: { host: 'custom', baseUrl: sandbox.baseUrl, accessToken: token },
      parameters: getMe,
    });
    expect((result.error as { httpCode?: string } | undefined)?.httpCode).toBe('401');
    expect(result.error?.description).toMatch(/Check the access token/);
    expect(JSON.stringify(result.error)).not.toContain(token);
  });

  it('an account name that cannot be one is refused before anything is sent, naming the field', async () => {
    const since = sandbox.control.requests().length;
    const result = await runRingCx({
      credentials: { host: 'digital.ringcentral.com', account: 'not an account!', accessToken: 'x' },
      parameters: getMe,
    });
    expect(result.error?.message).toMatch(
      /^Invalid account: .*Enter only the first part of your RingCX address/,
    );
    expect(requestsSince(sandbox, since)).toHaveLength(0);
  });

  it('an API nobody answers at fails with a network error that names what to check', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const result = await runRingCx({
      credentials: { host: 'custom', baseUrl: `http://127.0.0.1:${port}`, accessToken: 'any-token-value' },
      parameters: getMe,
    });
    // n8n words the message for a refused connection; the description says what to check.
    expect(result.error?.message).toMatch(/refused the connection/);
    expect(result.error?.description).toMatch(/Check the account name, host or base URL/);
  });
});
