import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  startSandbox,
  type RunningSandbox,
  type SandboxOptions,
  type TokenName,
} from '@ringcx-connectors/sandbox';
import { RingCxClient, type ClientOptions } from '../src/index.ts';

/**
 * Shared setup of the integration tests: the sandbox (an independent emulator of the RingCX API)
 * running in-process on loopback, and core clients pointed at it over real HTTP.
 */

/** One real millisecond is one sandbox second: exports, thread jobs and webhook retries take moments. */
export const TIME_SCALE = 1000;

export function startTestSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox({ timeScale: TIME_SCALE, ...options });
}

/** A client acting as one of the sandbox's users, with short retry pauses so failures show fast. */
export function clientFor(
  sandbox: RunningSandbox,
  token: TokenName,
  options: Omit<ClientOptions, 'baseUrl' | 'accessToken'> = {},
): RingCxClient {
  return new RingCxClient({
    baseUrl: sandbox.baseUrl,
    accessToken: sandbox.tokens[token],
    retry: { retries: 3, minDelayMs: 10, maxDelayMs: 200 },
    ...options,
  });
}

export interface Receiver {
  url: string;
  close(): Promise<void>;
}

/** A node:http server on a free loopback port, as a user's webhook endpoint would be. */
export async function listen(handler: RequestListener, path = '/hooks/ringcx'): Promise<Receiver> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise((resolve) => {
        // The sandbox keeps connections alive between deliveries; do not wait for them to idle out.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The error a promise rejects with, to assert on its fields; fails when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
