/**
 * The servers under load, run in a worker thread so that the load generator in the main thread does
 * not share their event loop:
 * - `sandbox`: the sandbox with the rate limit off, and a fresh customer message to reply to;
 * - `baseline`: a bare node:http server answering the given bytes (the sandbox's own answers, captured
 *   first), so the ratio between the two is what the sandbox's routing, storage and JSON cost.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { startSandbox } from '../src/index.ts';

export type ServerConfig = { kind: 'sandbox' } | { kind: 'baseline'; list: string; reply: string };

export interface ServerReady {
  url: string;
  token: string;
  /** The customer message the reply benchmark answers (sandbox only). */
  contentId: string;
}

const config = workerData as ServerConfig;

if (config.kind === 'sandbox') {
  const sandbox = await startSandbox({ rateLimit: 0 });
  const { content } = sandbox.control.customerMessage({ body: 'Where is my parcel?' });
  parentPort!.postMessage({
    url: sandbox.url,
    token: sandbox.tokens.bot,
    contentId: content.id,
  } satisfies ServerReady);
} else {
  const server = createServer((request, response) => {
    const body = request.method === 'POST' ? config.reply : config.list;
    // Read the request body as the sandbox must, then answer the fixed bytes.
    request.resume();
    request.on('end', () =>
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body),
    );
  });
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    parentPort!.postMessage({
      url: `http://127.0.0.1:${port}`,
      token: '',
      contentId: '',
    } satisfies ServerReady);
  });
}
