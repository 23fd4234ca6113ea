import {
  parseBody,
  RingCxClient,
  toTransportError,
  type Sleep,
  type Transport,
  type TransportResponse,
} from '@ringcx-connectors/core/portable';
import { sleep } from 'n8n-workflow';
import type {
  ICredentialDataDecryptedObject,
  IExecuteFunctions,
  IHookFunctions,
  IHttpRequestOptions,
  ILoadOptionsFunctions,
  IN8nHttpFullResponse,
  IPollFunctions,
  IWebhookFunctions,
} from 'n8n-workflow';

export const CREDENTIAL_NAME = 'ringCxApi';

/** Every n8n context the nodes call RingCX from. */
export type RingCxContext =
  IExecuteFunctions | IHookFunctions | ILoadOptionsFunctions | IPollFunctions | IWebhookFunctions;

/** The fields of the "RingCX API" credential the nodes read. */
export interface RingCxCredentials {
  host?: string;
  account?: string;
  baseUrl?: string;
  accessToken?: string;
}

/** Account, host or base URL as core expects them, from the credential's fields. */
export function connectionSettings(credentials: RingCxCredentials): {
  account?: string;
  host?: string;
  baseUrl?: string;
} {
  if (credentials.host === 'custom') return { baseUrl: credentials.baseUrl ?? '' };
  return { account: credentials.account ?? '', host: credentials.host };
}

/**
 * Sends core's requests through n8n's `httpRequestWithAuthentication`, so the credential adds the
 * token and n8n's proxy settings, logging and cancellation apply. Every HTTP status comes back to
 * core; only a failure without a response is thrown, classified by core.
 */
export function n8nTransport(context: RingCxContext): Transport {
  return async (request) => {
    const options: IHttpRequestOptions = {
      method: request.method,
      url: request.url,
      headers: request.headers,
      returnFullResponse: true,
      ignoreHttpStatusErrors: true,
      timeout: request.timeoutMs,
      json: false,
      encoding: 'text',
    };
    if (request.body !== undefined) options.body = request.body;
    let response: IN8nHttpFullResponse;
    try {
      response = (await context.helpers.httpRequestWithAuthentication.call(
        context,
        CREDENTIAL_NAME,
        options,
      )) as IN8nHttpFullResponse;
    } catch (error) {
      throw toTransportError(error);
    }
    return toTransportResponse(response);
  };
}

function toTransportResponse(response: IN8nHttpFullResponse): TransportResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value);
  }
  const raw = response.body as unknown;
  let body: unknown = raw;
  if (typeof raw === 'string') body = parseBody(raw, headers['content-type']);
  else if (raw instanceof Uint8Array)
    body = parseBody(Buffer.from(raw).toString('utf8'), headers['content-type']);
  else if (raw === undefined || raw === null) body = '';
  return { status: response.statusCode, headers, body };
}

/**
 * Core's waits (retry backoff, rate limit) on n8n's own `sleep`, since n8n Cloud forbids timers in
 * community nodes. n8n's cannot be cancelled, so an abort ends the wait here and the timer just runs out.
 */
export const n8nSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const onAbort = () => reject(signal!.reason as Error);
    signal?.addEventListener('abort', onAbort, { once: true });
    void sleep(ms).then(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
  });

/** A core client for this node's credential. */
export async function getClient(context: RingCxContext): Promise<RingCxClient> {
  const credentials = (await context.getCredentials(CREDENTIAL_NAME)) as ICredentialDataDecryptedObject &
    RingCxCredentials;
  return new RingCxClient({
    ...connectionSettings(credentials),
    transport: n8nTransport(context),
    sleep: n8nSleep,
    // The credential adds the token, but the API could echo it back in an error: blank it there too.
    secrets: credentials.accessToken ? [credentials.accessToken] : [],
    userAgent: 'n8n-nodes-ringcx',
  });
}
