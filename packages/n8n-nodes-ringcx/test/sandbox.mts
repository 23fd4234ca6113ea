import { startSandbox, type RunningSandbox } from '@ringcx-connectors/sandbox';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export { SEED_IDS } from '@ringcx-connectors/sandbox';
export type { RunningSandbox } from '@ringcx-connectors/sandbox';

/** A seeded sandbox on 127.0.0.1, running 1000 times faster than real time (thread jobs, retries). */
export async function startTestSandbox(): Promise<RunningSandbox> {
  return await startSandbox({ timeScale: 1000, rateLimit: 0 });
}

/** The "RingCX API" credential for the sandbox's bot user (custom base URL). */
export function botCredentials(sandbox: RunningSandbox): ICredentialDataDecryptedObject {
  return { host: 'custom', baseUrl: sandbox.baseUrl, accessToken: sandbox.tokens.bot };
}

/** Reads the sandbox's state through its API, as the admin, to check what the nodes did. */
export async function read<T = Record<string, unknown>>(sandbox: RunningSandbox, path: string): Promise<T> {
  const response = await fetch(`${sandbox.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${sandbox.tokens.admin}` },
  });
  return (await response.json()) as T;
}

/** The API requests made since `since` (an index into the request log), oldest first. */
export function requestsSince(sandbox: RunningSandbox, since: number) {
  return sandbox.control.requests().slice(since);
}
