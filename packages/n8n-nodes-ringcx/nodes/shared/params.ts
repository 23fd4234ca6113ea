/** Parameter values as the nodes read them: forms leave blanks, expressions may give arrays. */

/** Comma- or whitespace-separated IDs as a list; an array (from an expression) is accepted as is. */
export function idList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : String(value ?? '').split(/[\s,]+/);
  return items.map((item) => String(item).trim()).filter(Boolean);
}

/** A trimmed text, or undefined when empty. */
export function optionalText(value: unknown): string | undefined {
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  return text || undefined;
}
