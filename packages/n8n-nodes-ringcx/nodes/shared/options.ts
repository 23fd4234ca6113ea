import type { INodeProperties } from 'n8n-workflow';

/**
 * The Options both triggers offer to narrow what starts a workflow, so the webhook and the poll
 * trigger name and explain a filter the same way. `filters` are listed by display name.
 */
export function triggerOptions(filters: INodeProperties[]): INodeProperties {
  return {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    options: filters,
  };
}

/** Identities whose messages never count as a customer's, such as the bot's own. */
export function ownIdentityIdsOption(description: string): INodeProperties {
  return {
    displayName: 'Ignore Identity IDs',
    name: 'ownIdentityIds',
    type: 'string',
    default: '',
    placeholder: 'e.g. 5f3d0f1e2a9b8c7d6e5f4a3b',
    description,
  };
}

/**
 * A source filter, for searches and triggers alike: `lead` (one sentence, without its final period)
 * says what it keeps; the hint on expressions follows.
 */
export function sourcesOption(lead: string): INodeProperties {
  return {
    displayName: 'Source Names or IDs',
    name: 'sourceIds',
    type: 'multiOptions',
    typeOptions: { loadOptionsMethod: 'getSources' },
    default: [],
    description: `${lead}. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
  };
}
