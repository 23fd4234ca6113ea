import { isRingCxError, RingCxClient, RingCxError, type WebhookCredentials } from '@ringcx-connectors/core';
import type { Node, NodeDefinition, NodeStatus } from './red.ts';
import { status } from './status.ts';

/** What the config node's editor saves, besides the credentials. */
export interface ConnectionDefinition extends NodeDefinition {
  account?: string;
  host?: string;
  baseUrl?: string;
  /** Where the internet reaches this Node-RED, for registering webhooks (`httpNodeRoot` is added). */
  publicUrl?: string;
}

export interface ConnectionCredentials {
  accessToken: string;
}

export type ConnectionSettings = Pick<ConnectionDefinition, 'account' | 'host' | 'baseUrl'> & {
  accessToken?: string;
};

/** Builds a client from what a user entered; a `config` RingCxError names the field to fix. */
export function createClient(
  settings: ConnectionSettings,
  node?: Pick<Node, 'debug' | 'warn'>,
): RingCxClient {
  if (!settings.accessToken?.trim()) {
    throw new RingCxError({
      kind: 'config',
      message:
        'Invalid access token: it is empty. Open the RingCX connection node and paste an API access token (RingCX Admin → API access tokens).',
    });
  }
  return new RingCxClient({
    account: settings.account,
    host: settings.host,
    baseUrl: settings.baseUrl,
    accessToken: settings.accessToken,
    userAgent: 'node-red-ringcx',
    logger: node && { debug: (line) => node.debug(line), warn: (line) => node.warn(line) },
  });
}

/** The connection's health as the nodes using it show it. */
export type ConnectionState = 'checking' | 'connected' | 'invalid' | 'auth' | 'rate_limit' | 'unreachable';

export const CONNECTION_STATUS: Readonly<Record<ConnectionState, NodeStatus>> = {
  checking: { fill: 'yellow', shape: 'ring', text: 'node-red:common.status.connecting' },
  connected: { fill: 'green', shape: 'dot', text: 'node-red:common.status.connected' },
  invalid: status('red', 'ring', 'invalid'),
  auth: status('red', 'ring', 'tokenRefused'),
  rate_limit: status('yellow', 'dot', 'rateLimited'),
  unreachable: status('red', 'ring', 'unreachable'),
};

/**
 * The state a call's outcome says the connection is in: any answer from the API means it is
 * reachable. Undefined when the call never reached the API (a setting of the node was wrong).
 */
export function stateAfter(error?: unknown): ConnectionState | undefined {
  if (error === undefined) return 'connected';
  if (!isRingCxError(error) || error.kind === 'config') return undefined;
  switch (error.kind) {
    case 'auth':
      return 'auth';
    case 'rate_limit':
      return 'rate_limit';
    case 'network':
    case 'timeout':
      return 'unreachable';
    default:
      return 'connected';
  }
}

/** A node that uses the connection and is told when its health changes. */
export type ConnectionListener = (state: ConnectionState) => void;

/** The runtime side of the `ringcx-config` node, as the other nodes see it. */
export interface RingCxConnection {
  /** The shared client; throws the `config` error when the settings are unusable. */
  client(): RingCxClient;
  readonly publicUrl: string;
  /** A custom API root (the sandbox, a proxy) may call webhooks on private addresses. */
  readonly allowPrivateWebhookUrls: boolean;
  /** A verify token and secret for a webhook URL, derived from the access token; undefined without one. */
  webhookCredentials(url: string): WebhookCredentials | undefined;
  register(listener: ConnectionListener): void;
  deregister(listener: ConnectionListener): void;
  /** Tells the connection how a call went, so every node shows the same truth. */
  report(error?: unknown): void;
}
