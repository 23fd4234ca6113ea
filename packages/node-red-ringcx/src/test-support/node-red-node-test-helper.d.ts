// The helper ships no types; these are the calls the tests make.
declare module 'node-red-node-test-helper' {
  export interface Helper {
    init(nodeRedRuntime: string, userSettings?: Record<string, unknown>): void;
    load(
      nodes: unknown[],
      flow: Array<Record<string, unknown>>,
      credentials?: Record<string, Record<string, string>>,
    ): Promise<void>;
    unload(): Promise<void>;
    getNode(id: string): unknown;
    setFlows(
      flow: Array<Record<string, unknown>>,
      type: 'full' | 'flows' | 'nodes',
      credentials?: Record<string, Record<string, string>>,
    ): Promise<void>;
  }
  const helper: Helper;
  export default helper;
}
