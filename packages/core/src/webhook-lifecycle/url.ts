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

/** Address ranges RingCX cannot call (CIDR), with the words used to explain why. */
const UNREACHABLE_RANGES: ReadonlyArray<{ what: string; ranges: readonly string[] }> = [
  { what: 'a loopback address, which only this machine can reach', ranges: ['127.0.0.0/8', '::1/128'] },
  { what: 'an unspecified address', ranges: ['0.0.0.0/8', '::/128'] },
  {
    what: 'a private network address, which the internet cannot reach',
    // RFC 1918, carrier-grade NAT (RFC 6598), IPv6 unique-local (RFC 4193).
    ranges: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7'],
  },
  {
    what: 'a link-local address, which only the local network segment can reach',
    ranges: ['169.254.0.0/16', 'fe80::/10'],
  },
];

const BLOCKS = UNREACHABLE_RANGES.map(({ what, ranges }) => ({
  what,
  subnets: ranges.map((cidr) => {
    const [network, prefix] = cidr.split('/') as [string, string];
    return { bytes: parseIp(network)!, prefix: Number(prefix) };
  }),
}));

/**
 * An IP address as bytes (4 for IPv4, 16 for IPv6), or undefined when `text` is not a literal address.
 * Plain code rather than `node:net`, so that core runs where Node's modules are not allowed (n8n Cloud).
 */
function parseIp(text: string): number[] | undefined {
  return parseIPv4(text) ?? parseIPv6(text);
}

function parseIPv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)) {
    return undefined;
  }
  return parts.map(Number);
}

function parseIPv6(text: string): number[] | undefined {
  // A dotted IPv4 tail (`::ffff:10.0.0.1`) stands for the last two groups.
  let groupsText = text;
  let tail: number[] = [];
  if (text.includes('.')) {
    const lastColon = text.lastIndexOf(':');
    const v4 = parseIPv4(text.slice(lastColon + 1));
    if (lastColon < 0 || !v4) return undefined;
    tail = v4;
    groupsText = text.slice(0, lastColon);
    if (groupsText.endsWith(':')) groupsText += ':';
  }
  const halves = groupsText.split('::');
  if (halves.length > 2) return undefined;
  const split = (half: string) => (half === '' ? [] : half.split(':'));
  const head = split(halves[0]!);
  const rest = halves.length === 2 ? split(halves[1]!) : [];
  if (![...head, ...rest].every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return undefined;
  // `::` stands for one or more zero groups; without it, every group must be written.
  const missing = 8 - tail.length / 2 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  return [...groups.flatMap((group) => [parseInt(group, 16) >> 8, parseInt(group, 16) & 0xff]), ...tail];
}

function inSubnet(address: number[], subnet: { bytes: number[]; prefix: number }): boolean {
  if (address.length !== subnet.bytes.length) return false;
  for (let bit = 0; bit < subnet.prefix; bit += 8) {
    const mask = (0xff << (8 - Math.min(8, subnet.prefix - bit))) & 0xff;
    if ((address[bit / 8]! & mask) !== (subnet.bytes[bit / 8]! & mask)) return false;
  }
  return true;
}

/** An IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) is judged as the IPv4 address it carries. */
function unmapped(address: number[]): number[] {
  const mapped =
    address.length === 16 &&
    address.slice(0, 10).every((byte) => byte === 0) &&
    address[10] === 0xff &&
    address[11] === 0xff;
  return mapped ? address.slice(12) : address;
}

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
  const address = parseIp(host);
  if (address) {
    const judged = unmapped(address);
    return BLOCKS.find(({ subnets }) => subnets.some((subnet) => inSubnet(judged, subnet)))?.what;
  }
  if (host === 'localhost') return 'a loopback address, which only this machine can reach';
  if (LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) {
    return 'a local network name, which does not resolve on the internet';
  }
  if (!host.includes('.'))
    return 'a single-label name (such as a container name), which does not resolve on the internet';
  return undefined;
}
