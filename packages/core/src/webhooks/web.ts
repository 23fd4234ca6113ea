import { adapterSettings, assertBodySize, bodyReadRefusal, type WebhookAdapterOptions } from './adapter.ts';
import { handleWebhookRequest } from './handler.ts';
import { refusalResponse, type WebhookResponse } from './response.ts';

/**
 * `handleWebhookRequest` as a Web `Request` → `Response` function, for runtimes and frameworks built
 * on the Fetch API (Node's `fetch`-style servers, Next.js route handlers, Hono, Deno, Bun).
 *
 * ```ts
 * export const POST = createWebWebhookHandler({ verifyToken, secret, onEvents });
 * export const GET = POST;
 * ```
 */
export function createWebWebhookHandler(
  options: WebhookAdapterOptions,
): (request: Request) => Promise<Response> {
  const { handlerOptions, maxBodyBytes } = adapterSettings(options);
  return async (request) => {
    let response: WebhookResponse;
    try {
      const body =
        request.method.toUpperCase() === 'POST' ? await readBody(request, maxBodyBytes) : undefined;
      response = await handleWebhookRequest(
        { method: request.method, url: request.url, headers: request.headers, body },
        handlerOptions,
      );
    } catch (error) {
      // Only reading the body can get here: the handler itself never throws.
      const refusal = bodyReadRefusal(error);
      handlerOptions.onError?.(refusal);
      response = refusalResponse(refusal);
    }
    return new Response(response.body === '' ? null : response.body, {
      status: response.status,
      headers: response.headers,
    });
  };
}

async function readBody(request: Request, maxBodyBytes: number): Promise<Uint8Array> {
  const announced = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(announced)) assertBodySize(announced, maxBodyBytes);
  const bytes = new Uint8Array(await request.arrayBuffer());
  assertBodySize(bytes.byteLength, maxBodyBytes);
  return bytes;
}
