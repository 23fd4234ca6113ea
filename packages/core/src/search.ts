/**
 * Builder for the `q=` search syntax of threads, contents and events (REFERENCE §1.10):
 * `keyword:value` pairs separated by spaces, values with spaces quoted, a repeated keyword means OR,
 * `-keyword:value` negates, bare words search the text, `order:field.direction` sorts.
 *
 * ```ts
 * searchQuery({ source: ['a1', 'b2'], status_in: ['new', 'assigned'] })
 *   .not('categorized_in', botCategoryId)
 *   .order('created_at', 'asc')
 *   .toString(); // 'source:a1 source:b2 status_in:new,assigned -categorized_in:… order:created_at.asc'
 * ```
 */
export type SearchValue = string | number | boolean | Date;

export type SearchTerms = Readonly<Record<string, SearchValue | readonly SearchValue[] | undefined | null>>;

/** Keywords that take a comma-separated list in one term rather than a repeated keyword. */
const LIST_KEYWORDS = new Set(['status_in', 'name_in']);

export class SearchQuery {
  private readonly terms: string[] = [];
  private ordering: string | undefined;

  constructor(initial?: SearchTerms) {
    if (initial) for (const [keyword, value] of Object.entries(initial)) this.where(keyword, value);
  }

  /** Adds `keyword:value`; an array repeats the keyword (OR), except for list keywords like `status_in`. */
  where(keyword: string, value: SearchValue | readonly SearchValue[] | undefined | null): this {
    return this.add('', keyword, value);
  }

  /** Adds `-keyword:value`. */
  not(keyword: string, value: SearchValue | readonly SearchValue[] | undefined | null): this {
    return this.add('-', keyword, value);
  }

  /** Adds free text (the `text:` keyword). */
  text(words: string | undefined | null): this {
    return this.where('text', words);
  }

  order(field: string, direction: 'asc' | 'desc' = 'desc'): this {
    assertKeyword(field);
    if (direction !== 'asc' && direction !== 'desc') {
      throw new TypeError(`"${String(direction)}" is not a sort direction: use "asc" or "desc".`);
    }
    this.ordering = `order:${field}.${direction}`;
    return this;
  }

  toString(): string {
    return [...this.terms, ...(this.ordering ? [this.ordering] : [])].join(' ');
  }

  private add(
    prefix: string,
    keyword: string,
    value: SearchValue | readonly SearchValue[] | undefined | null,
  ): this {
    assertKeyword(keyword);
    if (value === undefined || value === null) return this;
    const values: readonly SearchValue[] = Array.isArray(value) ? value : [value as SearchValue];
    if (values.length === 0) return this;
    if (LIST_KEYWORDS.has(keyword)) {
      this.terms.push(`${prefix}${keyword}:${quote(values.map(formatValue).join(','))}`);
    } else {
      for (const item of values) this.terms.push(`${prefix}${keyword}:${quote(formatValue(item))}`);
    }
    return this;
  }
}

export function searchQuery(initial?: SearchTerms): SearchQuery {
  return new SearchQuery(initial);
}

function assertKeyword(keyword: string): void {
  if (!/^[a-z_]+$/.test(keyword)) {
    throw new TypeError(
      `"${keyword}" is not a search keyword: use lower-case letters and underscores, e.g. "source".`,
    );
  }
}

function formatValue(value: SearchValue): string {
  // Dates go as UTC ISO-8601 with seconds, the format the API prints.
  if (value instanceof Date) return value.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return String(value);
}

/** Quotes values with spaces, quotes or colons (times), which would otherwise end or split the term. */
function quote(value: string): string {
  if (value !== '' && !/[\s":]/.test(value)) return value;
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
