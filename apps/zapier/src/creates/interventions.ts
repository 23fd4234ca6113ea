import type { Intervention, RingCxClient } from '@ringcx-connectors/core';
import { defineCreate, type Bundle, type PlainInputField, type ZObject } from 'zapier-platform-core';
import { withRingCx } from '../client.ts';
import { interventionId, messageId, requiredText, userId } from '../fields.ts';
import { intervention } from '../records.ts';

const openSample = { ...intervention.sample, status: 'Opened', closed: false, closed_at: null };

/** The creates that act on one intervention by id share their shape; only the call and the words differ. */
function interventionAction(options: {
  key: string;
  label: string;
  description: string;
  helpText: string;
  call: (client: RingCxClient, id: string, bundle: Bundle) => Promise<Intervention>;
  sample: Record<string, unknown>;
  extraFields?: PlainInputField[];
}) {
  const perform = (z: ZObject, bundle: Bundle) =>
    withRingCx(z, bundle, (client) =>
      options.call(client, requiredText(bundle.inputData.intervention_id), bundle),
    );
  return defineCreate({
    key: options.key,
    noun: 'Intervention',
    display: { label: options.label, description: options.description },
    operation: {
      inputFields: [{ ...interventionId, helpText: options.helpText }, ...(options.extraFields ?? [])],
      perform,
      sample: options.sample,
      outputFields: intervention.outputFields,
    },
  });
}

export const createIntervention = defineCreate({
  key: 'create_intervention',
  noun: 'Intervention',
  display: {
    label: 'Create Intervention',
    description:
      'Takes a conversation: opens an intervention on a message as the connected user (or reopens its closed one), so that you can reply.',
  },
  operation: {
    inputFields: [
      {
        ...messageId,
        helpText:
          'The customer message to take, usually the **Message ID** of a New Customer Message trigger. Fails when an intervention is already open on it: use Find or Create Intervention to reuse that one.',
      },
    ],
    perform: (z: ZObject, bundle: Bundle) =>
      withRingCx(z, bundle, (client) =>
        client.interventions.create({ content_id: requiredText(bundle.inputData.content_id) }),
      ),
    sample: openSample,
    outputFields: intervention.outputFields,
  },
});

export const closeIntervention = interventionAction({
  key: 'close_intervention',
  label: 'Close Intervention',
  description: 'Resolves an intervention. It needs at least one agent or bot reply; cancel it otherwise.',
  helpText:
    'The intervention to close. Only its owner can close it (or a user allowed to edit permissions), and only after a reply.',
  call: (client, id) => client.interventions.close(id),
  sample: intervention.sample,
});

export const cancelIntervention = interventionAction({
  key: 'cancel_intervention',
  label: 'Cancel Intervention',
  description:
    'Cancels an intervention nobody has replied in yet, giving the conversation back to the queue.',
  helpText:
    'The intervention to cancel. One that already has an agent or bot reply cannot be cancelled: close it instead.',
  call: (client, id) => client.interventions.cancel(id),
  sample: { ...openSample, user_replies_count: 0, first_user_reply_id: null, first_user_reply_in: null },
});

export const reassignIntervention = interventionAction({
  key: 'reassign_intervention',
  label: 'Reassign Intervention',
  description: 'Gives an intervention to another agent.',
  helpText: 'The intervention to hand to someone else.',
  call: (client, id, bundle) => client.interventions.reassign(id, requiredText(bundle.inputData.user_id)),
  sample: { ...openSample, user_id: '6a7b8c9d0e1f2a3b4c5d6e7f' },
  extraFields: [
    {
      key: 'team_id',
      label: 'Team',
      required: false,
      dynamic: 'team_list.id.label',
      helpText: 'Optional: pick a team to list only its members in **New Owner**.',
    },
    { ...userId, label: 'New Owner', helpText: 'The agent (or bot user) who takes over the intervention.' },
  ],
});
