import { deriveWebhookCredentials, type RingCxClient } from '@ringcx-connectors/core';
import { registerAdminRoutes } from '../lib/admin.ts';
import {
  createClient,
  stateAfter,
  type ConnectionCredentials,
  type ConnectionDefinition,
  type ConnectionListener,
  type ConnectionState,
  type RingCxConnection,
} from '../lib/connection.ts';
import type { Node, NodeAPI } from '../lib/red.ts';

type ConfigNode = Node<ConnectionCredentials> & RingCxConnection;

/**
 * `ringcx-config`: one connection (account, host or base URL, access token) shared by every RingCX
 * node that points at it. It owns one client, so the rate limiter and retries are shared, and it
 * pushes the connection's health to every node using it, like the core MQTT broker node.
 */
export default function register(RED: NodeAPI): void {
  function RingCxConfigNode(this: ConfigNode, config: ConnectionDefinition): void {
    RED.nodes.createNode(this, config);
    const listeners = new Set<ConnectionListener>();
    let client: RingCxClient | undefined;
    let settingsError: unknown;
    try {
      client = createClient({ ...config, accessToken: this.credentials?.accessToken }, this);
    } catch (error) {
      settingsError = error;
    }
    let state: ConnectionState = client ? 'checking' : 'invalid';
    let checked = false;

    const setState = (next: ConnectionState | undefined) => {
      if (next === undefined || next === state) return;
      state = next;
      for (const listener of listeners) listener(state);
    };

    const token = this.credentials?.accessToken?.trim();
    Object.assign(this, {
      publicUrl: config.publicUrl?.trim() ?? '',
      allowPrivateWebhookUrls: Boolean(config.baseUrl?.trim()),
    });
    // Stable across restarts and redeploys, and nothing for the user to enter or keep in sync.
    this.webhookCredentials = (url) => (token ? deriveWebhookCredentials(token, url) : undefined);
    this.client = () => {
      if (!client) throw settingsError;
      return client;
    };
    this.report = (error) => setState(stateAfter(error));
    this.register = (listener) => {
      listeners.add(listener);
      listener(state);
      // One cheap call per deploy tells "connected" from "token refused" before any message flows.
      if (client && !checked) {
        checked = true;
        client.users.me().then(
          () => this.report(),
          (error: unknown) => this.report(error),
        );
      }
    };
    this.deregister = (listener) => {
      listeners.delete(listener);
    };
    this.on('close', (_removed, done) => {
      listeners.clear();
      done();
    });
  }

  RED.nodes.registerType('ringcx-config', RingCxConfigNode as never, {
    credentials: { accessToken: { type: 'password' } },
  });
  registerAdminRoutes(RED);
}
