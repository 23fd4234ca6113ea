import { resolveBaseUrl, RingCxError, type ConnectionSettings } from '@ringcx-connectors/core';

/** A real account to read from: its API root (safe to print) and the settings to build a client with. */
export interface AccountConnection {
  baseUrl: string;
  settings: ConnectionSettings & { accessToken: string };
}

/**
 * The real account the demo reads when `RINGCX_TOKEN` is set with `RINGCX_ACCOUNT` (optional
 * `RINGCX_HOST`) or `RINGCX_BASE_URL`; undefined when none of them is set, for the sandbox demo.
 * Throws a `config` error naming the variable to fix when the settings are incomplete or invalid.
 */
export function connectionFromEnv(env: NodeJS.ProcessEnv = process.env): AccountConnection | undefined {
  const read = (name: string) => env[name]?.trim() || undefined;
  const account = read('RINGCX_ACCOUNT');
  const host = read('RINGCX_HOST');
  const baseUrl = read('RINGCX_BASE_URL');
  const accessToken = read('RINGCX_TOKEN');
  if (!account && !host && !baseUrl && !accessToken) return undefined;
  if (!accessToken)
    throw configError(
      'RINGCX_TOKEN is not set: set it to an API access token of the account (Admin → API access tokens), or unset the other RINGCX_ variables to run the sandbox demo.',
    );
  if (!account && !baseUrl)
    throw configError(
      'RINGCX_ACCOUNT is not set: set it to your account name (acme for https://acme.digital.ringcentral.com), or set RINGCX_BASE_URL to a full API root.',
    );
  const settings = baseUrl ? { baseUrl, accessToken } : { account, host, accessToken };
  return { baseUrl: resolveBaseUrl(settings), settings };
}

function configError(message: string): RingCxError {
  return new RingCxError({ kind: 'config', message });
}
