import { ApiError } from './errors.ts';

/**
 * The `q=` search syntax (REFERENCE §1.10): `keyword:value` pairs separated by spaces, values
 * quoted when they hold spaces, a repeated keyword means OR, `-keyword:value` negates, bare words
 * search the text, `order:field.direction` sorts.
 */
export interface SearchTerm {
  keyword: string;
  value: string;
  negated: boolean;
}

export interface SearchOrder {
  field: string;
  direction: 'asc' | 'desc';
}

export interface ParsedSearch {
  terms: SearchTerm[];
  order: SearchOrder | undefined;
}

function invalidQuery(message: string): ApiError {
  return new ApiError(400, 'invalid_search_query', message);
}

export function parseSearch(q: string | undefined): ParsedSearch {
  const terms: SearchTerm[] = [];
  let order: SearchOrder | undefined;
  const text = q ?? '';
  let index = 0;
  while (index < text.length) {
    if (/\s/.test(text[index]!)) {
      index++;
      continue;
    }
    let negated = false;
    if (text[index] === '-') {
      negated = true;
      index++;
    }
    let word = '';
    while (index < text.length && !/[\s:]/.test(text[index]!)) word += text[index++];
    if (text[index] !== ':') {
      terms.push({ keyword: 'text', value: word, negated });
      continue;
    }
    index++;
    let value = '';
    const quote = text[index];
    if (quote === '"' || quote === "'") {
      index++;
      while (index < text.length && text[index] !== quote) {
        if (text[index] === '\\' && index + 1 < text.length) index++;
        value += text[index++];
      }
      if (text[index] !== quote)
        throw invalidQuery(`Unterminated quote in q after "${word}:": close it with ${quote}.`);
      index++;
    } else {
      while (index < text.length && !/\s/.test(text[index]!)) value += text[index++];
    }
    if (word === 'order') {
      const [field = '', direction = 'desc'] = value.split('.');
      if (direction !== 'asc' && direction !== 'desc') {
        throw invalidQuery(`"order:${value}" must end in .asc or .desc, e.g. order:created_at.asc.`);
      }
      order = { field, direction };
    } else {
      terms.push({ keyword: word, value, negated });
    }
  }
  return { terms, order };
}

export type Matcher<R> = (record: R, value: string) => boolean;

/**
 * Keeps the records that match every keyword; values of one keyword are ORed, negated ones must
 * all fail. An unknown keyword is refused rather than ignored, so a typo does not silently return
 * everything.
 */
export function applySearch<R>(
  records: readonly R[],
  search: ParsedSearch,
  matchers: Readonly<Record<string, Matcher<R>>>,
  resource: string,
): R[] {
  const byKeyword = new Map<string, SearchTerm[]>();
  for (const term of search.terms) {
    if (!Object.hasOwn(matchers, term.keyword)) {
      throw invalidQuery(
        `"${term.keyword}" is not a search keyword the sandbox knows for ${resource}. Known: ${Object.keys(matchers).sort().join(', ')}, and order.`,
      );
    }
    byKeyword.set(term.keyword, [...(byKeyword.get(term.keyword) ?? []), term]);
  }
  return records.filter((record) =>
    [...byKeyword].every(([keyword, terms]) => {
      const match = matchers[keyword]!;
      const positive = terms.filter((term) => !term.negated);
      const negative = terms.filter((term) => term.negated);
      return (
        (positive.length === 0 || positive.some((term) => match(record, term.value))) &&
        negative.every((term) => !match(record, term.value))
      );
    }),
  );
}

/** The sort a search asks for, checked against the fields the resource can sort on. */
export function searchOrder(
  search: ParsedSearch,
  allowed: readonly string[],
  fallback: SearchOrder,
): SearchOrder {
  if (!search.order) return fallback;
  if (!allowed.includes(search.order.field)) {
    throw invalidQuery(
      `"order:${search.order.field}" is not supported here; sort by ${allowed.join(' or ')}.`,
    );
  }
  return search.order;
}

const TRUE = new Set(['true', '1', 'on', 'yes']);
const FALSE = new Set(['false', '0', 'off', 'no']);

export function searchBoolean(keyword: string, value: string): boolean {
  const text = value.toLowerCase();
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  throw invalidQuery(`"${keyword}:${value}" needs a boolean: true/false, 1/0, yes/no or on/off.`);
}

const UNIT_MS: Record<string, number> = {
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
};

/**
 * Dates in search values: ISO-8601, `YYYY-MM-DD` (midnight UTC), `YYYY-MM-DD HH:MM[:SS]` (UTC),
 * `now`, `today`, `yesterday` and `N seconds|minutes|hours|days|weeks ago`. The API also takes
 * locale-dependent and business-hours forms, which the sandbox refuses with a clear error.
 */
export function searchDate(keyword: string, value: string, now: Date): Date {
  const text = value.trim().toLowerCase();
  const startOfToday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  if (text === 'now') return now;
  if (text === 'today') return new Date(startOfToday);
  if (text === 'yesterday') return new Date(startOfToday - UNIT_MS.day!);
  const relative = /^(\d+)\s+(second|minute|hour|day|week)s?\s+ago$/.exec(text);
  if (relative) return new Date(now.getTime() - Number(relative[1]) * UNIT_MS[relative[2]!]!);
  const local = /^(\d{4}-\d{2}-\d{2})(?:[ t](\d{2}:\d{2}(?::\d{2})?))?$/.exec(text);
  const iso = local ? `${local[1]}T${local[2] ?? '00:00:00'}Z` : value;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(value.trim())) {
    throw invalidQuery(
      `"${keyword}:${value}" is not a date the sandbox understands: use ISO-8601 (2024-05-21T14:30:00Z), 2024-05-21, "2024-05-21 14:30", today, yesterday or "2 hours ago".`,
    );
  }
  return date;
}

/** Case-insensitive substring search over several texts. */
export function textMatches(value: string, ...texts: (string | null | undefined)[]): boolean {
  const needle = value.toLowerCase();
  return texts.some((text) => text?.toLowerCase().includes(needle) ?? false);
}
