import { RingCxError, type RingCxErrorKind } from '../errors.ts';

/** The API's error body: `{"error": "rate_limit_exceeded", "message": "Rate limit exceeded", "status": 429}`. */
interface ApiErrorBody {
  error?: unknown;
  message?: unknown;
  errors?: unknown;
}

function kindForStatus(status: number): RingCxErrorKind {
  if (status === 400) return 'bad_request';
  if (status === 401) return 'auth';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 422) return 'validation';
  if (status === 429) return 'rate_limit';
  if (status >= 500) return 'server';
  return 'bad_request';
}

const NOUNS: Record<string, string> = {
  content_threads: 'thread',
  contents: 'message',
  interventions: 'intervention',
  identities: 'identity',
  identity_groups: 'identity group',
  content_sources: 'source',
  channels: 'channel',
  users: 'user',
  teams: 'team',
  categories: 'category',
  tags: 'tag',
  custom_fields: 'custom field',
  webhooks: 'webhook',
  attachments: 'attachment',
  events: 'event',
  status: 'agent status',
};

/** `/content_threads/abc/close` → `thread abc`; `/contents` → `message`. */
export function describeTarget(path: string): string {
  const [collection, id] = path.split('?')[0]!.replace(/^\/+/, '').split('/');
  const noun = NOUNS[collection ?? ''] ?? collection ?? 'object';
  return id && id !== 'me' ? `${noun} ${id}` : noun;
}

/**
 * Refusals the API documents, turned into what to do instead. Matched on the API's error id first,
 * then on method + path + status.
 */
function guidance(
  method: string,
  path: string,
  status: number,
  code: string | undefined,
  text: string,
): string | undefined {
  const route = path.split('?')[0]!;
  if (code === 'cant_reply_to_closed_thread') {
    return 'The thread is closed, so nobody can reply in it: open it again (threads.open) first, or start a new discussion.';
  }
  if (
    method === 'POST' &&
    route === '/contents' &&
    (status === 403 || status === 422) &&
    /intervention/i.test(text)
  ) {
    return 'The message is not under an open intervention: create one on it first (interventions.create with its content_id), then reply.';
  }
  if (method === 'POST' && route === '/interventions' && status === 422) {
    return 'An intervention is probably already open on this thread: look it up (interventions.list with thread_id) and use it instead of opening another.';
  }
  if (
    /^\/interventions\/[^/]+\/(close|cancel)$/.test(route) &&
    status === 403 &&
    /already[ _]closed/i.test(text)
  ) {
    return 'The intervention is already closed: nothing to do.';
  }
  if (method === 'PUT' && /^\/interventions\/[^/]+\/close$/.test(route) && status === 403) {
    return "Only its owner can close an intervention, and only after an agent or bot reply: reply first (or reassign it to the token's user), or cancel it if nobody replied.";
  }
  if (method === 'DELETE' && /^\/interventions\/[^/]+\/cancel$/.test(route) && status === 403) {
    return 'An intervention that already has an agent or bot reply cannot be cancelled: close it instead.';
  }
  if (/^\/content_threads\/[^/]+\/(close|open)$/.test(route) && status === 403) {
    return "This source does not let threads be closed or opened through the API, or the token's user lacks that permission.";
  }
  if (status === 401) {
    return 'Check the access token (RingCX Admin → API access tokens: it must exist and be enabled) and the account name.';
  }
  if (status === 404) {
    return `Check the id; the ${describeTarget(path)} may also be in a source the token's user cannot read.`;
  }
  if (status === 409) return 'A previous job on this object is still running: try again in a few seconds.';
  if (status === 429)
    return 'RingCX allows about 500 requests a minute per account: slow down or try again in a minute.';
  return undefined;
}

/** Builds the error for a non-2xx response. */
export function errorFromResponse(
  method: string,
  path: string,
  status: number,
  body: unknown,
  retryAfterHeader: string | undefined,
): RingCxError {
  const apiBody = body && typeof body === 'object' ? (body as ApiErrorBody) : undefined;
  const code = typeof apiBody?.error === 'string' ? apiBody.error : undefined;
  let apiMessage = typeof apiBody?.message === 'string' ? apiBody.message : undefined;
  if (!apiMessage && Array.isArray(apiBody?.errors)) apiMessage = apiBody.errors.map(String).join('; ');
  if (!apiMessage && typeof body === 'string' && body.trim()) apiMessage = body.trim().slice(0, 300);
  const kind = kindForStatus(status);
  const hint = guidance(method, path, status, code, `${code ?? ''} ${apiMessage ?? ''}`);
  const what = `${method} ${path.split('?')[0]} failed with ${status}`;
  // The API's messages may end with a period of their own; the hint adds one.
  const detail = apiMessage ? `: ${apiMessage.replace(/\.+$/, '')}` : code ? `: ${code}` : '';
  return new RingCxError({
    kind,
    message: `${what}${detail}${hint ? `. ${hint}` : ''}`,
    status,
    code,
    apiMessage,
    method,
    path,
    hint,
    retryable: kind === 'rate_limit' || kind === 'conflict' || kind === 'server',
    retryAfterMs: parseRetryAfter(retryAfterHeader),
  });
}

function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
