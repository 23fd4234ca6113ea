import type { PageIterator, RingCxClient } from '@ringcx-connectors/core/portable';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { optionalText } from '../../shared/params.ts';

/** One operation: what it shows in the editor and what it does for one input item. */
export interface Operation {
  description: INodeProperties[];
  execute(this: IExecuteFunctions, client: RingCxClient, itemIndex: number): Promise<object | object[]>;
}

/** Shows `properties` only for one resource and operation (n8n's own nodes call this updateDisplayOptions). */
export function showFor(
  resource: string,
  operation: string,
  properties: INodeProperties[],
): INodeProperties[] {
  return properties.map((property) => ({
    ...property,
    displayOptions: {
      ...property.displayOptions,
      show: { ...property.displayOptions?.show, resource: [resource], operation: [operation] },
    },
  }));
}

/** Ids RingCX hands out: 24 hex digits in production, other tokens in test setups. */
const ID_VALIDATION = [
  {
    type: 'regex' as const,
    properties: {
      regex: '^\\s*[A-Za-z0-9_-]+\\s*$',
      errorMessage: 'Enter a RingCX ID, e.g. 5f3d0f1e2a9b8c7d6e5f4a3b',
    },
  },
];

type LocatorKind = 'source' | 'thread' | 'user' | 'category';

const LOCATORS: Record<LocatorKind, { label: string; searchMethod: string; hint: string }> = {
  source: {
    label: 'Source',
    searchMethod: 'searchSources',
    hint: 'channel account, e.g. a chat or email source',
  },
  thread: { label: 'Thread', searchMethod: 'searchThreads', hint: 'conversation' },
  user: { label: 'User', searchMethod: 'searchUsers', hint: 'agent or bot user' },
  category: { label: 'Category', searchMethod: 'searchCategories', hint: 'category' },
};

/** A resource locator (from a searchable list, or by ID) for a RingCX object. */
export function locator(
  kind: LocatorKind,
  overrides: Partial<INodeProperties> & { name?: string } = {},
): INodeProperties {
  const { label, searchMethod, hint } = LOCATORS[kind];
  return {
    displayName: label,
    name: `${kind}Id`,
    type: 'resourceLocator',
    default: { mode: 'list', value: '' },
    required: true,
    description: `The ${hint} to use`,
    modes: [
      {
        displayName: 'From List',
        name: 'list',
        type: 'list',
        typeOptions: { searchListMethod: searchMethod, searchable: true },
      },
      {
        displayName: 'By ID',
        name: 'id',
        type: 'string',
        placeholder: 'e.g. 5f3d0f1e2a9b8c7d6e5f4a3b',
        validation: ID_VALIDATION,
      },
    ],
    ...overrides,
  };
}

/** A plain ID field, for objects RingCX offers no list to pick from (messages, interventions). */
export function idField(
  name: string,
  displayName: string,
  description: string,
  placeholder = 'e.g. {{ $json.resource.id }}',
): INodeProperties {
  return { displayName, name, type: 'string', default: '', required: true, description, placeholder };
}

/** Return All and Limit, as every Get Many operation has them. */
export const paginationFields: INodeProperties[] = [
  {
    displayName: 'Return All',
    name: 'returnAll',
    type: 'boolean',
    default: false,
    description: 'Whether to return all results or only up to a given limit',
  },
  {
    displayName: 'Limit',
    name: 'limit',
    type: 'number',
    typeOptions: { minValue: 1 },
    default: 50,
    description: 'Max number of results to return',
    displayOptions: { show: { returnAll: [false] } },
  },
];

/** Reads an ID from a resource locator or a plain field, trimmed. */
export function readId(context: IExecuteFunctions, name: string, itemIndex: number): string {
  const value = context.getNodeParameter(name, itemIndex, '', { extractValue: true });
  return String(value ?? '').trim();
}

/** Collects a Get Many result, honouring Return All and Limit with as few requests as possible. */
export async function collect<T>(
  context: IExecuteFunctions,
  itemIndex: number,
  iterate: (max: number | undefined) => PageIterator<T>,
): Promise<IDataObject[]> {
  const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
  const max = returnAll ? undefined : (context.getNodeParameter('limit', itemIndex, 50) as number);
  return (await iterate(max).toArray()) as IDataObject[];
}

/** A collection of text filters as query parameters: trimmed, and only the ones the user filled in. */
export function textFilters(filters: IDataObject): Record<string, string> {
  const entries = Object.entries(filters).map(([key, value]) => [key, optionalText(value)] as const);
  return Object.fromEntries(
    entries.filter((entry): entry is readonly [string, string] => entry[1] !== undefined),
  );
}

/** The Operation selector of one resource, followed by every operation's own fields. */
export function resourceDescription(
  resource: string,
  options: Array<{ name: string; value: string; action: string; description: string }>,
  operations: Record<string, Operation>,
): INodeProperties[] {
  // A plain name: n8n's linter reads `default` only as a literal, a name or a call.
  const firstOperation = options[0]!.value;
  return [
    {
      displayName: 'Operation',
      name: 'operation',
      type: 'options',
      noDataExpression: true,
      displayOptions: { show: { resource: [resource] } },
      options,
      default: firstOperation,
    },
    ...Object.entries(operations).flatMap(([operation, { description }]) =>
      showFor(resource, operation, description),
    ),
  ];
}

/** A multi-select of categories, loaded from the account. */
export function categoriesField(
  name: string,
  displayName: string,
  description: string,
  required = true,
): INodeProperties {
  return {
    displayName,
    name,
    type: 'multiOptions',
    typeOptions: { loadOptionsMethod: 'getCategories' },
    default: [],
    required,
    description: `${description}. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
  };
}

/** A date filter, or undefined when empty; refuses text that is no date, naming the field. */
export function optionalDate(value: unknown, field: string): Date | undefined {
  const text = optionalText(value);
  if (!text) return undefined;
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) {
    throw new TypeError(
      `${field}: "${text}" is not a date. Pick one, or use an ISO date such as 2026-01-31T12:00:00Z.`,
    );
  }
  return date;
}
