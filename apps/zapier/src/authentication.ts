import { isRingCxError, RINGCX_HOSTS, type RingCxClient, type User } from '@ringcx-connectors/core';
import type { Authentication, Bundle, ZObject } from 'zapier-platform-core';
import { ringcx, toZapierError, type AuthData } from './client.ts';

/** What the connection test returns: the token's own user, plus the label Zapier shows for it. */
type ConnectedUser = User & { connection_label: string };

/**
 * The connection test: the user the token acts as. Problems read as a sentence naming what to
 * check; a refused token is a plain error here, not ExpiredAuthError, as there is no connection yet
 * to mark expired.
 */
async function test(z: ZObject, bundle: Bundle): Promise<ConnectedUser> {
  let client: RingCxClient | undefined;
  try {
    client = ringcx(z, bundle);
    const user = await client.users.me();
    return { ...user, connection_label: connectionLabel(user, bundle.authData as AuthData, client.baseUrl) };
  } catch (error) {
    if (!isRingCxError(error)) throw error;
    if (client && error.kind === 'auth') {
      throw new z.errors.Error(
        `RingCX did not accept this access token at ${client.baseUrl}. Check that you copied the whole token from RingCX (Admin → API access tokens), that it is enabled, and that it belongs to this account.`,
        'auth',
        401,
      );
    }
    if (client && (error.kind === 'not_found' || error.kind === 'invalid_response')) {
      throw new z.errors.Error(
        `${client.baseUrl} does not answer like the RingCX API. Check the account name and the platform (or the custom base URL).`,
        error.kind,
        error.status,
      );
    }
    throw toZapierError(z, error);
  }
}

function connectionLabel(user: User, auth: AuthData, baseUrl: string): string {
  const name = [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email;
  const where = auth.base_url?.trim() ? new URL(baseUrl).host : new URL(baseUrl).host.split('.')[0];
  return `${name} (${where})`;
}

export const authentication = {
  type: 'custom',
  fields: [
    {
      key: 'account',
      label: 'Account Name',
      type: 'string',
      required: false,
      helpText:
        'The first part of the address you open RingCX at: `acme` for `https://acme.digital.ringcentral.com`. Pasting that address works too.',
    },
    {
      key: 'host',
      label: 'Platform',
      type: 'string',
      required: false,
      default: RINGCX_HOSTS[0],
      choices: [
        {
          value: 'digital.ringcentral.com',
          sample: 'digital.ringcentral.com',
          label: 'RingCX (digital.ringcentral.com)',
        },
        {
          value: 'engagement.dimelo.com',
          sample: 'engagement.dimelo.com',
          label: 'Historical accounts (engagement.dimelo.com)',
        },
      ],
      helpText: 'Where your account lives: the end of the address you open RingCX at.',
    },
    {
      key: 'access_token',
      label: 'Access Token',
      type: 'password',
      required: true,
      helpText:
        'Create one in RingCX under **Admin → API access tokens** (newer screens: Admin → Dev tools). Zaps act as the agent the token belongs to, with that agent’s permissions. [Help](https://developers.ringcentral.com/engage/digital/guide/basics/access-token)',
    },
    {
      key: 'base_url',
      label: 'Custom API Base URL',
      type: 'string',
      required: false,
      helpText:
        'Leave empty. Only for testing against a RingCX sandbox or going through a proxy: the full API root, e.g. `https://sandbox.example.com/1.0`. It replaces the account name and platform.',
    },
  ],
  test,
  connectionLabel: '{{connection_label}}',
} satisfies Authentication;
