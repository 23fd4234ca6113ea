import { describe, expect, it } from 'vitest';
import { authentication } from './authentication.ts';
import { ids, useSandbox, zapierFailure } from './testing/harness.ts';

const h = useSandbox();

describe('connection', () => {
  it('tests with the token’s own user and labels the connection with its name and address', async () => {
    const user = await h.run<{ id: string; connection_label: string }>(
      authentication.test,
      {},
      { token: 'agent' },
    );
    expect(user.id).toBe(ids.users.alice);
    expect(user.connection_label).toBe(`Alice Moreau (${new URL(h.sandbox.url).host})`);
    expect(h.calls()).toEqual(['GET /users/me']);
  });

  it('explains a refused token (401) in a sentence that does not repeat it', async () => {
    const failure = await zapierFailure(
      h.runAs({ base_url: h.sandbox.baseUrl, access_token: 'wrong-token-123456' }, authentication.test),
    );
    expect(failure.name).toBe('AppError');
    expect(failure.message).toMatch(/did not accept this access token.*Admin → API access tokens.*enabled/);
    expect(failure.message).not.toContain('wrong-token-123456');
  });

  it('refuses an unusable account name before sending anything', async () => {
    const failure = await zapierFailure(
      h.runAs({ account: 'not an account!', access_token: h.sandbox.tokens.admin }, authentication.test),
    );
    expect(failure.message).toMatch(/^Invalid account: .*first part of your RingCX address/);
    expect(h.calls()).toEqual([]);
  });

  it('says when the address does not answer like the API', async () => {
    const failure = await zapierFailure(
      h.runAs(
        { base_url: `${h.sandbox.url}/nothing-here`, access_token: h.sandbox.tokens.admin },
        authentication.test,
      ),
    );
    expect(failure.message).toMatch(
      /does not answer like the RingCX API\. Check the account name and the platform/,
    );
  });
});
