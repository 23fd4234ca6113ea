import type { IncomingMessage, ServerResponse } from 'node:http';
import { adapterSettings, assertBodySize, bodyReadRefusal, type WebhookAdapterOptions } from './adapter.ts';
import { handleWebhookRequest } from './handler.ts';
import { refusalResponse, type WebhookResponse } from './response.ts';

/** Node's request, possibly after middleware: Express body parsers set `body`, some hosts `rawBody`. */
export type NodeWebhookRequest = IncomingMessage & { body?: unknown; rawBody?: unknown };

/**
 * `handleWebhookRequest` as a Node `(req, res)` listener, for `http.createServer`, Express, Fastify's
 * raw mode or Node-RED's HTTP server.
 *
 * The body is taken, in order of preference, from `req.rawBody` (the exact bytes some hosts keep),
 * from the request stream when nothing has read it yet, or from `req.body` when a body parser such as
 * `express.json()` already consumed the stream. Bodies over `maxBodyBytes` are refused with 413.
 *
 * ```ts
 * http.createServer(createNodeWebhookHandler({ verifyToken, secret, onEvents })).listen(8080);
 * app.post('/ringcx', express.json(), createNodeWebhookHandler({ ... }));
 * ```
 */
export function createNodeWebhookHandler(
  options: WebhookAdapterOptions,
): (req: NodeWebhookRequest, res: ServerResponse) => Promise<void> {
  const { handlerOptions, maxBodyBytes } = adapterSettings(options);
  return async (req, res) => {
    let response: WebhookResponse;
    try {
      const body = req.method?.toUpperCase() === 'POST' ? await readBody(req, maxBodyBytes) : undefined;
      response = await handleWebhookRequest(
        { method: req.method ?? 'GET', url: req.url, headers: req.headers, body },
        handlerOptions,
      );
    } catch (error) {
      // Only reading the body can get here: the handler itself never throws.
      const refusal = bodyReadRefusal(error);
      handlerOptions.onError?.(refusal);
      response = refusalResponse(refusal);
    }
    if (res.headersSent) return;
    res.writeHead(response.status, {
      ...response.headers,
      'content-length': Buffer.byteLength(response.body),
    });
    res.end(response.body);
  };
}

function readBody(req: NodeWebhookRequest, maxBodyBytes: number): Promise<unknown> {
  if (typeof req.rawBody === 'string' || req.rawBody instanceof Uint8Array)
    return Promise.resolve(req.rawBody);
  if (req.readableEnded) return Promise.resolve(req.body);
  const announced = Number(req.headers['content-length']);
  if (Number.isFinite(announced)) assertBodySize(announced, maxBodyBytes);

  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) {
        chunks.push(chunk);
        return;
      }
      // Stop collecting but let the rest flow away, so the 413 can still be sent on this connection.
      req.off('data', onData);
      req.resume();
      try {
        assertBodySize(size, maxBodyBytes);
      } catch (error) {
        reject(error);
      }
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}
