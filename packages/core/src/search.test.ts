import { describe, expect, it } from 'vitest';
import { encodeQuery } from './http/params.ts';
import { searchQuery, SearchQuery } from './search.ts';

describe('searchQuery', () => {
  it.each([
    [{ source: 'd19c81948c137d86dac77216' }, 'source:d19c81948c137d86dac77216'],
    [{ text: 'refund please' }, 'text:"refund please"'],
    [{ text: 'say "hi"' }, 'text:"say \\"hi\\""'],
    [{ text: 'back\\slash and space' }, 'text:"back\\\\slash and space"'],
    [{ foreign: '' }, 'foreign:""'],
    [{ source: ['a1', 'b2'] }, 'source:a1 source:b2'],
    [{ status_in: ['new', 'assigned'] }, 'status_in:new,assigned'],
    [
      { name_in: ['content.imported', 'intervention.opened'] },
      'name_in:content.imported,intervention.opened',
    ],
    [{ status_in: 'new' }, 'status_in:new'],
    [{ categorized: true, active_and_assigned: false }, 'categorized:true active_and_assigned:false'],
    [{ created_after: new Date('2024-05-01T10:00:00.123Z') }, 'created_after:"2024-05-01T10:00:00Z"'],
    [{ first_content_after: '2 hours ago' }, 'first_content_after:"2 hours ago"'],
    [{ limit_like: 3 }, 'limit_like:3'],
    [{ source: undefined, identity: null, thread: [] }, ''],
  ])('%o → %s', (terms, expected) => {
    expect(searchQuery(terms).toString()).toBe(expected);
  });

  it('negates a term, repeated or listed', () => {
    const q = searchQuery({ source: 's1' })
      .not('categorized_in', ['c1', 'c2'])
      .not('status_in', ['ignored', 'replied']);
    expect(q.toString()).toBe('source:s1 -categorized_in:c1 -categorized_in:c2 -status_in:ignored,replied');
  });

  it('puts the order last, once, newest first by default', () => {
    const q = searchQuery().order('created_at', 'asc').where('source', 's1').order('last_content_at');
    expect(q.toString()).toBe('source:s1 order:last_content_at.desc');
  });

  it('chains into one query', () => {
    const q = searchQuery({ source: ['a1', 'b2'], status_in: ['new', 'assigned'] })
      .not('categorized_in', 'bot')
      .text('order 1234')
      .order('created_at', 'asc');
    expect(q).toBeInstanceOf(SearchQuery);
    expect(q.toString()).toBe(
      'source:a1 source:b2 status_in:new,assigned -categorized_in:bot text:"order 1234" order:created_at.asc',
    );
    expect(encodeQuery({ q: q.toString() })).toBe(
      'q=source%3Aa1+source%3Ab2+status_in%3Anew%2Cassigned+-categorized_in%3Abot+text%3A%22order+1234%22+order%3Acreated_at.asc',
    );
  });

  it.each(['Source', 'source:', 'created-at', '', 'order by'])('refuses the keyword %j', (keyword) => {
    expect(() => searchQuery().where(keyword, 'x')).toThrow(
      new TypeError(
        `"${keyword}" is not a search keyword: use lower-case letters and underscores, e.g. "source".`,
      ),
    );
    expect(() => searchQuery({ [keyword]: 'x' })).toThrow(TypeError);
    expect(() => searchQuery().not(keyword, 'x')).toThrow(TypeError);
    expect(() => searchQuery().order(keyword)).toThrow(TypeError);
  });

  it('refuses a sort direction other than asc or desc', () => {
    expect(() => searchQuery().order('created_at', 'up' as 'asc')).toThrow(
      '"up" is not a sort direction: use "asc" or "desc".',
    );
  });
});

describe('encodeQuery', () => {
  it('encodes arrays and hashes the Rails way and skips empty values', () => {
    expect(
      encodeQuery({
        category_ids: ['4242', '2854'],
        custom_field_values: { multiple: ['v1', 'v2'], single: 'x' },
        private: true,
        limit: 150,
        skipped: undefined,
        none: null,
      }),
    ).toBe(
      [
        'category_ids%5B%5D=4242',
        'category_ids%5B%5D=2854',
        'custom_field_values%5Bmultiple%5D%5B%5D=v1',
        'custom_field_values%5Bmultiple%5D%5B%5D=v2',
        'custom_field_values%5Bsingle%5D=x',
        'private=true',
        'limit=150',
      ].join('&'),
    );
  });

  it('is empty without parameters', () => {
    expect(encodeQuery(undefined)).toBe('');
    expect(encodeQuery({})).toBe('');
  });
});
