import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import * as zapier from 'zapier-platform-core';
import App from './index.ts';

// The schema package is CommonJS without types.
const { validateAppDefinition } = createRequire(import.meta.url)('zapier-platform-schema') as {
  validateAppDefinition(definition: unknown): { errors: Array<{ stack: string }> };
};

type Operation = {
  key: string;
  noun: string;
  display: { label?: string; description?: string; hidden?: boolean };
  operation: {
    sample?: Record<string, unknown>;
    inputFields?: Array<{ key: string; label?: string; helpText?: string; dynamic?: string }>;
    outputFields?: Array<{ key: string; label?: string }>;
  };
};

const groups = { triggers: App.triggers, creates: App.creates, searches: App.searches } as unknown as Record<
  string,
  Record<string, Operation>
>;
const all = Object.entries(groups).flatMap(([group, items]) =>
  Object.values(items).map((item) => ({ group, ...item })),
);
const visible = all.filter((item) => !item.display.hidden);

describe('app definition', () => {
  it('passes Zapier’s own validation (what `zapier-platform validate --without-style` runs)', async () => {
    // Exported at runtime, missing from the package's types.
    const { createAppHandler } = zapier as unknown as {
      createAppHandler(app: object): (event: object, context: object) => Promise<{ results: unknown }>;
    };
    const handler = createAppHandler(App);
    expect((await handler({ command: 'validate' }, {})).results).toEqual([]);
    const definition = (await handler({ command: 'definition' }, {})).results;
    expect(validateAppDefinition(definition).errors.map((error) => error.stack)).toEqual([]);
  });

  it('offers the operations of the shared vocabulary', () => {
    expect(visible.map((item) => `${item.group}: ${item.display.label}`)).toEqual([
      'triggers: New Thread',
      'triggers: New Customer Message',
      'triggers: Intervention Opened',
      'triggers: Intervention Closed',
      'creates: Reply to Message',
      'creates: Create Intervention',
      'creates: Close Intervention',
      'creates: Cancel Intervention',
      'creates: Reassign Intervention',
      'creates: Update Thread Categories',
      'creates: Hand Over to a Human',
      'creates: Close Thread',
      'creates: Open Thread',
      'searches: Find Identity',
      'searches: Find Thread',
      'searches: Find Message',
      'searches: Find Intervention',
    ]);
  });

  // What the local validator does not check but Zapier's review does (D012, D018, D021, D024, D005).
  it.each(visible.map((item) => [item.key, item] as const))(
    '%s follows Zapier’s publishing checks',
    (_key, item) => {
      const { display, operation } = item;
      expect(display.label).toMatch(/^[A-Z][A-Za-z]*( (a|to|[A-Z][A-Za-z-]*))*$/);
      expect(display.description).toMatch(/\.$/);
      if (item.group === 'triggers') expect(display.description).toMatch(/^Triggers when /);
      expect(operation.sample).toBeDefined();
      expect(operation.sample!.id).toEqual(expect.any(String));
      for (const field of operation.outputFields ?? []) {
        const [head] = field.key.split('__');
        expect(operation.sample, `sample has ${field.key}`).toHaveProperty(head!);
        expect(field.label).toBeTruthy();
      }
      for (const field of operation.inputFields ?? []) {
        expect(field.label, field.key).toBeTruthy();
        expect(field.helpText, field.key).toBeTruthy();
      }
    },
  );

  it('points every dropdown at a hidden trigger of the app', () => {
    const dynamics = all.flatMap((item) =>
      (item.operation.inputFields ?? []).flatMap((field) => field.dynamic ?? []),
    );
    expect(dynamics.length).toBeGreaterThan(0);
    for (const dynamic of dynamics) {
      const [trigger] = dynamic.split('.');
      expect(groups.triggers![trigger!]?.display.hidden, dynamic).toBe(true);
    }
  });
});
