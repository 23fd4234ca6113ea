import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { RingCxError } from '../errors.ts';

/**
 * How webhook URLs compare when looking for an existing subscription: two URLs are the same webhook
 * when they differ only in the case of the scheme or host, an explicit default port, a trailing slash
 * at the end of the path, or a fragment. The path and query are otherwise compared exactly, case
 * included, because the receiving server routes on them. A string that is not a URL only equals
 * itself (after trimming).
 */
export function sameWebhookUrl(a: string, b: string): boolean {
  return webhookUrlKey(a) === webhookUrlKey(b);
}

function webhookUrlKey(value: string): string {
  const text = value.trim();
  if (!URL.canParse(text)) return text;
  // The URL parser already lower-cases scheme and host and drops default ports.
  const url = new URL(text);
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : '';
  return `${url.protocol}//${url.host}${path}${url.search}`;
}

export interface ReachableUrlOptions {
  /**
   * Accept loopback, private and local addresses: for a RingCX stand-in running on the same machine
   * or network (a sandbox, tests). Never for the real service, which calls from the internet.
   */
  allowPrivate?: boolean;
  /**
   * How to set the public URL on this platform, appended to the error (e.g. "Set WEBHOOK_URL to
   * the address the internet reaches n8n at."). A generic sentence is used otherwise.
   */
  fix?: string;
}

const DEFAULT_FIX =
  'Use the address this server has on the internet (behind a reverse proxy, or through a tunnel for tests) as the webhook URL.';

/** Address ranges RingCX cannot call, with the words used to explain why. */
const UNREACHABLE_RANGES: ReadonlyArray<{
  what: string;
  ranges: ReadonlyArray<[string, number, 'ipv4' | 'ipv6']>;
}> = [
  {
    what: 'a loopback address, which only this machine can reach',
    ranges: [
      ['127.0.0.0', 8, 'ipv4'],
      ['::1', 128, 'ipv6'],
    ],
  },
  {
    what: 'an unspecified address',
    ranges: [
      ['0.0.0.0', 8, 'ipv4'],
      ['::', 128, 'ipv6'],
    ],
  },
  {
    what: 'a private network address, which the internet cannot reach',
    ranges: [
      ['10.0.0.0', 8, 'ipv4'],
      ['172.16.0.0', 12, 'ipv4'],
      ['192.168.0.0', 16, 'ipv4'],
      ['100.64.0.0', 10, 'ipv4'],
      ['fc00::', 7, 'ipv6'],
    ],
  },
  {
    what: 'a link-local address, which only the local network segment can reach',
    ranges: [
      ['169.254.0.0', 16, 'ipv4'],
      ['fe80::', 10, 'ipv6'],
    ],
  },
];

const BLOCKS = UNREACHABLE_RANGES.map(({ what, ranges }) => {
  const list = new BlockList();
  for (const [network, prefix, family] of ranges) list.addSubnet(network, prefix, family);
  return { what, list };
});

/** Name suffixes that only resolve inside a local network (mDNS, home routers, container networks). */
const LOCAL_SUFFIXES = ['.localhost', '.local', '.lan', '.internal', '.home.arpa'];

/**
 * Refuses a webhook URL that RingCX cannot call: not an absolute http(s) URL, or a host that only
 * resolves or routes locally (localhost, loopback, private, carrier-grade NAT and link-local
 * addresses, `.local`/`.lan`/`.internal`/`.home.arpa` names, and single-label names such as a
 * container's `n8n`). RingCX verifies every new webhook with a request from the internet, so such a
 * URL would be disabled at once. Host names are judged as written; they are not resolved.
 *
 * Throws a `RingCxError` of kind `config` that says why and how to fix it; returns nothing otherwise.
 */
export function assertReachableWebhookUrl(url: string, options: ReachableUrlOptions = {}): void {
  const fix = options.fix ?? DEFAULT_FIX;
  const refuse = (reason: string) =>
    new RingCxError({ kind: 'config', message: `Invalid webhook URL: ${reason} ${fix}`, hint: fix });
  const text = typeof url === 'string' ? url.trim() : '';
  if (!text) throw refuse('it is empty.');
  if (!URL.canParse(text)) {
    throw refuse('it is not an absolute URL such as https://automation.example.com/webhook/ringcx.');
  }
  const parsed = new URL(text);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw refuse(`it starts with "${parsed.protocol}", but RingCX only calls http:// and https:// URLs.`);
  }
  if (options.allowPrivate) return;
  const why = localOnlyReason(parsed.hostname);
  if (why) {
    throw refuse(
      `RingCX cannot reach its host "${parsed.hostname}": it is ${why}. RingCX sends events from the internet.`,
    );
  }
}

function localOnlyReason(hostname: string): string | undefined {
  const host = hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  const family = isIPv4(host) ? 'ipv4' : isIPv6(host) ? 'ipv6' : undefined;
  if (family) return BLOCKS.find(({ list }) => list.check(host, family))?.what;
  if (host === 'localhost') return 'a loopback address, which only this machine can reach';
  if (LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) {
    return 'a local network name, which does not resolve on the internet';
  }
  if (!host.includes('.'))
    return 'a single-label name (such as a container name), which does not resolve on the internet';
  return undefined;
}
