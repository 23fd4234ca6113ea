import type { NodeStatus } from './red.ts';

/**
 * Status texts are catalog keys, which the editor translates into the user's language. They all live
 * in the connection's catalog, named with its namespace so every RingCX node can use them.
 */
const NAMESPACE = '@ringcx-connectors/node-red-ringcx/ringcx-config:ringcx-config.status';

export const STATUS_TEXTS = {
  invalid: 'invalid connection',
  tokenRefused: 'token refused',
  rateLimited: 'rate limited',
  unreachable: 'unreachable',
  noConnection: 'no connection',
  unknownTrigger: 'unknown trigger',
  needsWebhook: 'needs webhook mode',
  starting: 'starting',
  polling: 'polling',
  pollFailed: 'poll failed',
  invalidPath: 'invalid path',
  cannotRegister: 'cannot register',
  pathInUse: 'path in use',
  listening: 'listening',
  registering: 'registering',
  registrationFailed: 'registration failed',
  webhookActive: 'webhook active',
  webhookSuspended: 'webhook suspended',
  webhookDisabled: 'webhook disabled',
  webhookInactive: 'webhook switched off',
  webhookUnknown: 'webhook unknown',
} as const;

export type StatusKey = keyof typeof STATUS_TEXTS;

export function status(
  fill: NonNullable<NodeStatus['fill']>,
  shape: 'ring' | 'dot',
  key: StatusKey,
): NodeStatus {
  return { fill, shape, text: `${NAMESPACE}.${key}` };
}
