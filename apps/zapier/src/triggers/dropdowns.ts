import type { ListPage, RingCxClient } from '@ringcx-connectors/core';
import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { withRingCx } from '../client.ts';
import { optionalText } from '../fields.ts';

/** Records per dropdown page ("Load more" asks for the next one). */
const DROPDOWN_PAGE_SIZE = 100;

type Labelled = { id: string; label: string };

/**
 * A hidden trigger that fills a dropdown, one API page per "Load more". `bundle.meta.page` is
 * 0-based and absent outside Zapier's editor.
 */
function dropdown<T extends { id: string }>(
  key: string,
  noun: string,
  list: (
    client: RingCxClient,
    page: { offset: number; limit: number },
    bundle: Bundle,
  ) => Promise<ListPage<T>>,
  /** The text people pick from; `page` holds the other records of the same page. */
  label: (record: T, page: readonly T[]) => string,
) {
  const perform = (z: ZObject, bundle: Bundle): Promise<Array<T & Labelled>> => {
    const page = Math.max(0, Number(bundle.meta?.page) || 0);
    return withRingCx(z, bundle, async (client) => {
      const { records } = await list(
        client,
        { offset: page * DROPDOWN_PAGE_SIZE, limit: DROPDOWN_PAGE_SIZE },
        bundle,
      );
      return records.map((record) => ({ ...record, label: label(record, records) }));
    });
  };
  return defineTrigger({
    key,
    noun,
    display: {
      label: `List ${noun}s`,
      description: `Fills the ${noun.toLowerCase()} dropdown.`,
      hidden: true,
    },
    operation: { type: 'polling', canPaginate: true, perform },
  });
}

export const sourceList = dropdown(
  'source_list',
  'Source',
  (client, page) => client.sources.list(page),
  (source) => (source.active === false ? `${source.name} (inactive)` : source.name),
);

export const userList = dropdown(
  'user_list',
  'User',
  // Zapier passes the step's other inputs: a chosen team narrows the list to its members.
  (client, page, bundle) => client.users.list({ ...page, team_id: optionalText(bundle.inputData.team_id) }),
  (user) => {
    const name = [user.firstname, user.lastname].filter(Boolean).join(' ');
    return name ? `${name} (${user.email})` : user.email;
  },
);

export const categoryList = dropdown(
  'category_list',
  'Category',
  (client, page) => client.categories.list(page),
  // Sub-categories show their parent ("Human support › Billing") when it is on the same page;
  // parents come first, as the list is oldest first.
  (category, page) => {
    const parent = category.parent_id ? page.find((other) => other.id === category.parent_id) : undefined;
    return parent ? `${parent.name} › ${category.name}` : category.name;
  },
);

export const teamList = dropdown(
  'team_list',
  'Team',
  (client, page) => client.teams.list(page),
  (team) => team.name,
);
