// The Zapier app ships as plain JavaScript (Zapier loads `dist/index.mjs`); the demo only needs the
// operations it runs through the app tester.
declare module '@ringcx-connectors/zapier' {
  import type { Bundle, ZObject } from 'zapier-platform-core';

  type Operations = Record<
    string,
    { operation: { perform: (z: ZObject, bundle: Bundle) => Promise<unknown> } }
  >;
  const app: { triggers: Operations; creates: Operations; searches: Operations };
  export default app;
}
