import type { Node } from './red.ts';

/** Node context as promises. `store` is a context store name from settings, or '' for the default one. */
export function contextOf(node: Pick<Node, 'context'>, store: string | undefined) {
  const name = store?.trim() || undefined;
  const context = node.context();
  return {
    get: (key: string) =>
      new Promise<unknown>((resolve, reject) =>
        context.get(key, name, (error, value) => (error ? reject(error) : resolve(value))),
      ),
    set: (key: string, value: unknown) =>
      new Promise<void>((resolve, reject) =>
        context.set(key, value, name, (error) => (error ? reject(error) : resolve())),
      ),
  };
}
