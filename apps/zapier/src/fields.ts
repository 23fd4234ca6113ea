import { defineInputField } from 'zapier-platform-core';

/** Input fields shared by several operations, so each is described once. */

const HEX_ID = 'a 24-character id such as `9c9903dc3d559a6801ec5441`';

export const sourcesFilter = defineInputField({
  key: 'source_ids',
  label: 'Sources',
  list: true,
  required: false,
  dynamic: 'source_list.id.label',
  helpText:
    'Only these sources (channels such as an email address, a web chat or a Facebook page). Leave empty for every source the connected user can read.',
});

export const threadId = defineInputField({
  key: 'thread_id',
  label: 'Thread ID',
  required: true,
  helpText: `The conversation: map the **Thread ID** of an earlier step (${HEX_ID}).`,
});

export const messageId = defineInputField({
  key: 'content_id',
  label: 'Message ID',
  required: true,
  helpText: `The message: map the **Message ID** of a New Customer Message trigger or a Find Message search (${HEX_ID}).`,
});

export const interventionId = defineInputField({
  key: 'intervention_id',
  label: 'Intervention ID',
  required: true,
  helpText: `The intervention: map the **Intervention ID** of an earlier step, or the **Intervention ID** of a message (${HEX_ID}).`,
});

export const userId = defineInputField({
  key: 'user_id',
  label: 'Agent',
  required: true,
  dynamic: 'user_list.id.label',
  helpText: 'The RingCX user (agent or bot). Pick one, or map a **User ID**.',
});

/** A list of categories; `dynamic` lets users pick, mapping ids works too. */
export function categoriesField(key: string, label: string, required: boolean, helpText: string) {
  return defineInputField({
    key,
    label,
    list: true,
    required,
    dynamic: 'category_list.id.label',
    helpText,
  });
}

/** Text values from a list field: trimmed, empties dropped (Zapier sends "" for unmapped lines). */
export function idList(value: unknown): string[] {
  const values = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return [...new Set(values.map((item) => String(item).trim()).filter(Boolean))];
}

/** An optional text input: trimmed, undefined when empty. */
export function optionalText(value: unknown): string | undefined {
  const text = typeof value === 'string' ? value.trim() : value == null ? '' : String(value).trim();
  return text || undefined;
}

/** A required id input, trimmed (Zapier enforces presence; mapped values may carry spaces). */
export function requiredText(value: unknown): string {
  return optionalText(value) ?? '';
}

/**
 * Zapier booleans arrive as booleans, or as "true"/"false"/"yes"/"no" text when mapped; a field left
 * out (an older Zap, a search-or-create step) takes the field's default.
 */
export function isTrue(value: unknown, fallback = false): boolean {
  if (typeof value === 'boolean') return value;
  const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
  return text ? ['true', 'yes', '1', 'on'].includes(text) : fallback;
}
