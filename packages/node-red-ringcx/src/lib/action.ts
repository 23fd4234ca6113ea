import type { RingCxClient } from '@ringcx-connectors/core';
import { CONNECTION_STATUS, type ConnectionListener, type RingCxConnection } from './connection.ts';
import { configError, nodeError } from './errors.ts';
import type { RingCxIds } from './ids.ts';
import type { Node, NodeAPI, NodeDefinition, NodeMessage } from './red.ts';
import { status } from './status.ts';

/** Names users see for each input, so an error names the field to fix. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  threadId: 'Thread ID',
  contentId: 'Message ID',
  interventionId: 'Intervention ID',
  identityId: 'Identity ID',
  sourceId: 'Source ID',
  userId: 'User ID',
  body: 'Body',
  categoryIds: 'Categories',
  botCategoryIds: 'Bot categories',
  humanCategoryIds: 'Human categories',
  query: 'Search',
  limit: 'Limit',
  status: 'Status',
  private: 'Private',
  authorId: 'Author',
  requireAgent: 'Only if an agent is available',
  method: 'Method',
  path: 'Path',
  params: 'Query parameters',
  data: 'Body',
};

/** Reads the node's typed inputs for one message. */
export interface Inputs {
  readonly client: RingCxClient;
  readonly msg: NodeMessage;
  /** The evaluated input, whatever its type; undefined when unset. */
  value(field: string): Promise<unknown>;
  /** A required id or text: a `config` error naming the field and where it was read from when empty. */
  required(field: string): Promise<string>;
  /** An optional text: undefined when empty. */
  optional(field: string): Promise<string | undefined>;
  /** A list of ids, from an array or a comma-separated text. */
  list(field: string): Promise<string[]>;
  /** A whole number, or `fallback` when unset. */
  count(field: string, fallback: number): Promise<number>;
  flag(field: string): Promise<boolean>;
}

export interface OperationResult {
  payload: unknown;
  /** Ids to merge into `msg.ringcx`. */
  ids?: RingCxIds;
}

export type Operation = (inputs: Inputs) => Promise<OperationResult>;

interface ActionDefinition extends NodeDefinition {
  ringcx?: string;
  operation?: string;
  [field: string]: unknown;
}

/**
 * Registers an action node: a connection, an operation chosen in the editor, and typed inputs
 * (`<field>` + `<field>Type`: msg, flow, global, env, str, num, json, JSONata …) evaluated per
 * message. The result goes to `msg.payload` (or the chosen output property), ids to `msg.ringcx`;
 * failures go to `done(err)` so a Catch node gets them with the original message.
 */
export function registerActionNode(
  RED: NodeAPI,
  type: string,
  operations: Readonly<Record<string, Operation>>,
): void {
  function ActionNode(this: Node, config: ActionDefinition): void {
    RED.nodes.createNode(this, config);
    const connection = config.ringcx ? (RED.nodes.getNode(config.ringcx) as RingCxConnection | null) : null;
    const operation = Object.hasOwn(operations, config.operation ?? '')
      ? operations[config.operation ?? '']
      : undefined;
    // Where the result goes: `payload` by default, or e.g. `intervention` to keep the customer's
    // message in `msg.payload` for the next node.
    const output =
      typeof config.output === 'string' && config.output.trim() ? config.output.trim() : 'payload';
    const listener: ConnectionListener = (state) => this.status(CONNECTION_STATUS[state]);
    if (!connection) this.status(status('red', 'ring', 'noConnection'));
    else connection.register(listener);

    const evaluate = (field: string, msg: NodeMessage) =>
      new Promise<unknown>((resolve, reject) => {
        const value = config[field];
        const saved = typeof config[`${field}Type`] === 'string' ? String(config[`${field}Type`]) : 'str';
        // `ringcx` is the editor's "pick from the account" type: the picked ids, saved as text.
        const valueType = saved === 'ringcx' ? 'str' : saved;
        if (value === undefined || (value === '' && valueType !== 'str')) return resolve(undefined);
        // Reading `msg.ringcx.threadId` from a message without `ringcx` fails; for us it is simply unset.
        const settle = (error: unknown, result?: unknown) =>
          error && valueType !== 'msg' ? reject(error) : resolve(error ? undefined : result);
        try {
          RED.util.evaluateNodeProperty(String(value), valueType, this, msg, settle);
        } catch (error) {
          settle(error);
        }
      });

    const inputsFor = (client: RingCxClient, msg: NodeMessage): Inputs => {
      const where = (field: string) => {
        const valueType = config[`${field}Type`];
        const source = valueType === 'msg' ? ` (read from msg.${String(config[field])})` : '';
        return `${FIELD_LABELS[field] ?? field}${source}`;
      };
      const text = async (field: string) => {
        const value = await evaluate(field, msg);
        if (value === undefined || value === null) return '';
        return (typeof value === 'object' ? JSON.stringify(value) : String(value)).trim();
      };
      return {
        client,
        msg,
        value: (field) => evaluate(field, msg),
        required: async (field) => {
          const value = await text(field);
          if (!value) {
            const fromTrigger =
              String(config[field]).startsWith('ringcx.') && config[`${field}Type`] === 'msg';
            throw configError(
              `${where(field)} is empty. Set it in the node, or send it in the message${fromTrigger ? ' (a RingCX trigger sets msg.ringcx)' : ''}.`,
            );
          }
          return value;
        },
        optional: async (field) => (await text(field)) || undefined,
        list: async (field) => {
          const value = await evaluate(field, msg);
          const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
          return items.map((item) => String(item).trim()).filter(Boolean);
        },
        count: async (field, fallback) => {
          const value = await evaluate(field, msg);
          if (value === undefined || value === '') return fallback;
          const number = Number(value);
          if (!Number.isInteger(number) || number < 1) {
            throw configError(
              `${where(field)} must be a whole number of 1 or more, not ${JSON.stringify(value)}.`,
            );
          }
          return number;
        },
        flag: async (field) => {
          const value = await evaluate(field, msg);
          return value === true || value === 'true';
        },
      };
    };

    this.on('input', (msg, send, done) => {
      Promise.resolve()
        .then(() => {
          if (!connection) {
            throw configError('No RingCX connection: open the node and pick or add a RingCX connection.');
          }
          if (!operation)
            throw configError(`Unknown operation "${String(config.operation)}": pick one in the node.`);
          return operation(inputsFor(connection.client(), msg));
        })
        .then(
          (result) => {
            connection?.report();
            RED.util.setMessageProperty(msg, output, result.payload, true);
            msg.ringcx = { ...(msg.ringcx as RingCxIds | undefined), ...result.ids };
            send(msg);
            done();
          },
          (error: unknown) => {
            connection?.report(error);
            done(nodeError(error));
          },
        );
    });
    this.on('close', (_removed, done) => {
      connection?.deregister(listener);
      done();
    });
  }
  RED.nodes.registerType(type, ActionNode as never);
}
