import { defineSearch, type Bundle, type ZObject } from 'zapier-platform-core';
import { withRingCx } from '../client.ts';
import { optionalText } from '../fields.ts';
import { identity } from '../records.ts';

async function perform(z: ZObject, bundle: Bundle) {
  const foreignId = optionalText(bundle.inputData.foreign_id);
  const email = optionalText(bundle.inputData.email);
  const sourceId = optionalText(bundle.inputData.source_id);
  if (!foreignId && !email) {
    throw new z.errors.Error('Fill in **Channel ID** or **Email** to look an identity up.', 'validation');
  }
  return withRingCx(z, bundle, async (client) => {
    if (foreignId) {
      const { records } = await client.identities.list({
        foreign_id: foreignId,
        source_id: sourceId,
        limit: 10,
      });
      if (records.length > 0 || !email) return records;
    }
    // Emails live on the customer profile (identity group) that merged identities share.
    const groups = await client.identityGroups.list({ email, limit: 1 });
    const group = groups.records[0];
    if (!group) return [];
    const { records } = await client.identities.list({
      identity_group_id: group.id,
      source_id: sourceId,
      limit: 10,
    });
    return records;
  });
}

export default defineSearch({
  key: 'find_identity',
  noun: 'Identity',
  display: {
    label: 'Find Identity',
    description:
      'Finds a customer identity (a person’s account on one channel) by its ID on the channel or by email.',
  },
  operation: {
    inputFields: [
      {
        key: 'foreign_id',
        label: 'Channel ID',
        required: false,
        helpText:
          'The person’s id on the channel: an email address for email, a phone number for SMS or WhatsApp, the visitor id for chat.',
      },
      {
        key: 'email',
        label: 'Email',
        required: false,
        helpText:
          'An email address saved on the customer’s profile. Used when **Channel ID** is empty or finds nothing.',
      },
      {
        key: 'source_id',
        label: 'Source',
        required: false,
        dynamic: 'source_list.id.label',
        helpText: 'Only identities on this source’s channel.',
      },
    ],
    perform,
    sample: identity.sample,
    outputFields: identity.outputFields,
  },
});
