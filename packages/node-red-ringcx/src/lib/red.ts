/**
 * The parts of Node-RED's runtime API these nodes use, typed from the runtime itself (5.0.7, also true
 * of 4.1). Kept here rather than pulling in @types/node-red, which describes 1.x and Express's types.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export type NodeMessage = { _msgid?: string; payload?: unknown; topic?: string } & Record<string, unknown>;

export type SendFunction = (msg: NodeMessage | null | Array<NodeMessage | NodeMessage[] | null>) => void;
export type DoneFunction = (error?: Error) => void;

export interface NodeStatus {
  fill?: 'red' | 'green' | 'yellow' | 'blue' | 'grey';
  shape?: 'ring' | 'dot';
  text?: string;
}

export interface ContextStore {
  get(key: string, store: string | undefined, callback: (error: Error | null, value: unknown) => void): void;
  set(key: string, value: unknown, store: string | undefined, callback: (error: Error | null) => void): void;
}

/** A node instance, as `RED.nodes.createNode` makes it. */
export interface Node<Credentials = Record<string, string | undefined>> {
  readonly id: string;
  readonly type: string;
  name?: string;
  credentials: Partial<Credentials> | undefined;
  /** Arity matters: the runtime passes `done` only to a listener declared with three parameters. */
  on(event: 'input', listener: (msg: NodeMessage, send: SendFunction, done: DoneFunction) => void): void;
  /** Arity matters: with two parameters the runtime waits for `done`. */
  on(event: 'close', listener: (removed: boolean, done: () => void) => void): void;
  send: SendFunction;
  status(status: NodeStatus): void;
  log(message: unknown): void;
  warn(message: unknown): void;
  error(message: unknown, msg?: NodeMessage): void;
  debug(message: unknown): void;
  context(): ContextStore;
}

export type RequestHandler = (
  req: IncomingMessage & {
    params: Record<string, string>;
    query: Record<string, unknown>;
    body?: unknown;
    _body?: boolean;
  },
  res: ServerResponse & { json(body: unknown): void; status(code: number): { json(body: unknown): void } },
  next: (error?: unknown) => void,
) => void;

export interface HttpApp {
  get(path: string, ...handlers: RequestHandler[]): void;
  post(path: string, ...handlers: RequestHandler[]): void;
}

export interface NodeAPI {
  nodes: {
    createNode(node: object, config: object): void;
    getNode(id: string): object | null;
    getCredentials(id: string): Record<string, string> | undefined;
    registerType(
      type: string,
      constructor: (this: never, config: never) => void,
      options?: { credentials?: Record<string, { type: 'text' | 'password' }> },
    ): void;
  };
  util: {
    setMessageProperty(msg: NodeMessage, property: string, value: unknown, createMissing: boolean): void;
    evaluateNodeProperty(
      value: string,
      type: string,
      node: object,
      msg: NodeMessage,
      callback: (error: Error | null, result: unknown) => void,
    ): void;
  };
  httpNode: HttpApp;
  httpAdmin: HttpApp;
  auth: { needsPermission(permission: string): RequestHandler };
  settings: { httpNodeRoot?: string | false } & Record<string, unknown>;
}

/** The settings every node's editor saves; a node's own fields come on top. */
export interface NodeDefinition {
  id: string;
  type: string;
  name?: string;
  z?: string;
}
