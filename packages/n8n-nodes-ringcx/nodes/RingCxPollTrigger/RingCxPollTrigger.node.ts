import {
  pollClosedInterventions,
  pollNewCustomerMessages,
  pollNewThreads,
  sampleClosedInterventions,
  sampleCustomerMessages,
  sampleThreads,
  type PollCursor,
  type PollOptions,
  type PollResult,
  type RingCxClient,
} from '@ringcx-connectors/core/portable';
import type {
  IDataObject,
  INodeExecutionData,
  INodeType,
  INodeTypeDescription,
  IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { idList } from '../shared/params.ts';
import { getSources } from '../RingCx/methods/loadOptions.ts';
import { getClient } from '../shared/client.ts';
import { toNodeError } from '../shared/errors.ts';
import { ownIdentityIdsOption, sourcesOption, triggerOptions } from '../shared/options.ts';

type Feed = 'newThread' | 'newCustomerMessage' | 'interventionClosed';

interface FeedFilters {
  sources: string[];
  ownIdentityIds: string[];
}

/** Each event: its poller (from a saved cursor) and its sampler (for Fetch Test Event). */
const FEEDS: Record<
  Feed,
  {
    label: string;
    poll(
      client: RingCxClient,
      cursor: PollCursor | undefined,
      options: PollOptions & FeedFilters,
    ): Promise<PollResult<object>>;
    sample(client: RingCxClient, filters: FeedFilters): Promise<object[]>;
  }
> = {
  newThread: {
    label: 'thread',
    poll: (client, cursor, options) => pollNewThreads(client, cursor, options),
    sample: (client, { sources }) => sampleThreads(client, { sources }),
  },
  newCustomerMessage: {
    label: 'customer message',
    poll: (client, cursor, options) => pollNewCustomerMessages(client, cursor, options),
    sample: (client, { sources, ownIdentityIds }) =>
      sampleCustomerMessages(client, { sources, ownIdentityIds }),
  },
  interventionClosed: {
    label: 'closed intervention',
    poll: (client, cursor, options) => pollClosedInterventions(client, cursor, options),
    sample: (client, { sources }) => sampleClosedInterventions(client, { sources }),
  },
};

/** The cursor kept in workflow static data; n8n saves it with the run the items start. */
interface PollState {
  cursor?: PollCursor;
  [key: string]: unknown;
}

export class RingCxPollTrigger implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'RingCX Poll Trigger',
    name: 'ringCxPollTrigger',
    icon: { light: 'file:../../icons/ringcx.svg', dark: 'file:../../icons/ringcx.dark.svg' },
    group: ['trigger'],
    version: 1,
    subtitle: '={{ $parameter["event"] }}',
    description:
      'Checks RingCX on a schedule for new threads, customer messages or closed interventions; for when RingCX cannot reach n8n',
    defaults: { name: 'RingCX Poll Trigger' },
    polling: true,
    inputs: [],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: 'ringCxApi', required: true }],
    properties: [
      {
        displayName: 'Trigger On',
        name: 'event',
        type: 'options',
        options: [
          {
            name: 'Intervention Closed',
            value: 'interventionClosed',
            description: 'An intervention was closed',
          },
          {
            name: 'New Customer Message',
            value: 'newCustomerMessage',
            description:
              "A customer wrote, in a new or an existing thread. Agents' and bots' messages never count.",
          },
          { name: 'New Thread', value: 'newThread', description: 'A conversation started' },
        ],
        default: 'newCustomerMessage',
        description:
          'What to check for. The first check only notes where things stand: nothing older is returned.',
      },
      triggerOptions([
        ownIdentityIdsOption(
          "New Customer Message: comma-separated identities whose messages never count as a customer's, such as your bot's",
        ),
        sourcesOption('Only items of these sources; none chosen means every source'),
      ]),
    ],
  };

  methods = { loadOptions: { getSources } };

  async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
    const feedName = this.getNodeParameter('event') as Feed;
    const feed = FEEDS[feedName];
    if (!feed) throw new NodeOperationError(this.getNode(), `Unknown event "${String(feedName)}"`);
    const options = this.getNodeParameter('options', {}) as IDataObject;
    const filters: FeedFilters = {
      sources: idList(options.sourceIds),
      ownIdentityIds: idList(options.ownIdentityIds),
    };
    let items: object[];
    try {
      const client = await getClient(this);
      if (this.getMode() === 'manual') {
        // Fetch Test Event: the latest real item, without moving the cursor.
        items = await feed.sample(client, filters);
        if (items.length === 0) {
          throw new NodeOperationError(
            this.getNode(),
            `No ${feed.label} found in RingCX to show as an example`,
            {
              description:
                'Create one on a source this token can read (or widen the source filter), then fetch again.',
            },
          );
        }
      } else {
        const state = this.getWorkflowStaticData('node') as PollState;
        const result = await feed.poll(client, state.cursor, { ...filters, order: 'oldest-first' });
        state.cursor = result.cursor;
        items = result.items;
      }
    } catch (error) {
      throw toNodeError(this.getNode(), error);
    }
    if (items.length === 0) return null;
    return [this.helpers.returnJsonArray(items as IDataObject[])];
  }
}
