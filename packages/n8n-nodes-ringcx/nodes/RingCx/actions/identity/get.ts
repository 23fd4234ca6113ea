import type { Operation } from '../common.ts';
import { idField, readId } from '../common.ts';

export const description = [
  idField(
    'identityId',
    'Identity ID',
    "The identity (a customer's or agent's profile on a source) to get",
    'e.g. {{ $json.resource.metadata.author_id }}',
  ),
];

export const execute: Operation['execute'] = async function (client, itemIndex) {
  return await client.identities.get(readId(this, 'identityId', itemIndex));
};
