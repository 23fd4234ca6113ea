import { RingCxError } from './errors.ts';

/** The two production hosts. `digital.ringcentral.com` is RingCX; `engagement.dimelo.com` is the historical one. */
export const RINGCX_HOSTS = ['digital.ringcentral.com', 'engagement.dimelo.com'] as const;
export type RingCxHost = (typeof RINGCX_HOSTS)[number];

export interface ConnectionSettings {
  /**
   * The account (domain) name: the first part of the address you open RingCX at, e.g. `acme` for
   * `https://acme.digital.ringcentral.com`. A pasted URL is accepted too.
   */
  account?: string;
  /** `digital.ringcentral.com` (default) or `engagement.dimelo.com`. */
  host?: string;
  /**
   * A full API root, used instead of account + host: the sandbox (`http://127.0.0.1:4010`) or a proxy.
   * `/1.0` is appended when the URL has no path.
   */
  baseUrl?: string;
}

const ACCOUNT_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Turns what a user typed into the API root, e.g. `https://acme.api.digital.ringcentral.com/1.0`.
 *
 * Accepted: an account name in any case (`ACME`), or a pasted UI or API URL with or without scheme,
 * path or trailing slash (`https://acme.digital.ringcentral.com/`, `acme.api.engagement.dimelo.com/1.0`);
 * a host given as a URL. A `baseUrl` wins over both and is only cleaned up.
 */
export function resolveBaseUrl(settings: ConnectionSettings): string {
  const baseUrl = settings.baseUrl?.trim();
  if (baseUrl) return normaliseBaseUrl(baseUrl);

  const hostInput = settings.host?.trim() || RINGCX_HOSTS[0];
  const host = matchHost(stripUrl(hostInput));
  if (!host) {
    throw configError(
      'host',
      `"${hostInput}" is not a RingCX host`,
      `Enter ${RINGCX_HOSTS.join(' or ')}, or set a custom base URL instead.`,
    );
  }

  const accountInput = settings.account?.trim() ?? '';
  if (!accountInput) {
    throw configError(
      'account',
      'the account name is empty',
      'Enter the first part of your RingCX address, e.g. "acme" for https://acme.digital.ringcentral.com.',
    );
  }
  const fromUrl = stripUrl(accountInput);
  const pastedHost = RINGCX_HOSTS.find((h) => fromUrl.endsWith(`.${h}`));
  // A pasted URL names its own host, which wins over the host setting.
  const account = (pastedHost ? fromUrl.slice(0, -pastedHost.length - 1).replace(/\.api$/, '') : fromUrl)
    .toLowerCase()
    .trim();
  if (!ACCOUNT_PATTERN.test(account)) {
    throw configError(
      'account',
      `"${accountInput}" is not an account name`,
      'Enter only the first part of your RingCX address (letters, digits and dashes), e.g. "acme" for https://acme.digital.ringcentral.com.',
    );
  }
  return `https://${account}.api.${pastedHost ?? host}/1.0`;
}

function normaliseBaseUrl(input: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : `https://${input}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw configError(
      'baseUrl',
      `"${input}" is not a URL`,
      'Enter a full URL such as http://127.0.0.1:4010.',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw configError('baseUrl', `"${input}" is not an http(s) URL`, 'Enter a URL starting with https://.');
  }
  if (url.search || url.hash) {
    throw configError(
      'baseUrl',
      'the base URL has a query or fragment',
      'Remove everything after "?" or "#" (the access token goes in its own field).',
    );
  }
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host.toLowerCase()}${path || '/1.0'}`;
}

/** `https://Acme.Digital.RingCentral.com/path?x` → `acme.digital.ringcentral.com` */
function stripUrl(input: string): string {
  return input
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/[/?#].*$/, '')
    .replace(/:\d+$/, '')
    .toLowerCase();
}

function matchHost(value: string): RingCxHost | undefined {
  return RINGCX_HOSTS.find((h) => value === h || value.endsWith(`.${h}`));
}

function configError(field: string, problem: string, hint: string): RingCxError {
  return new RingCxError({ kind: 'config', message: `Invalid ${field}: ${problem}. ${hint}`, hint });
}
