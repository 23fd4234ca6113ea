import type { ReplyParams } from '@ringcx-connectors/core';
import { registerActionNode, type Operation } from '../lib/action.ts';
import { contentIds } from '../lib/ids.ts';
import type { NodeAPI } from '../lib/red.ts';

/** `ringcx-message`: messages (RingCX "contents"). */
const MESSAGE_OPERATIONS: Readonly<Record<string, Operation>> = {
  reply: async (inputs) => {
    const inReplyTo = await inputs.required('contentId');
    const params: ReplyParams = { body: await inputs.required('body') };
    if (await inputs.flag('private')) params.private = true;
    const authorId = await inputs.optional('authorId');
    if (authorId) params.author_id = authorId;
    const reply = await inputs.client.contents.reply(inReplyTo, params);
    return { payload: reply, ids: { replyId: reply.id, threadId: reply.thread_id || undefined } };
  },
  get: async (inputs) => {
    const content = await inputs.client.contents.get(await inputs.required('contentId'));
    return { payload: content, ids: contentIds(content) };
  },
  list: async (inputs) => {
    const q = await inputs.optional('query');
    const max = await inputs.count('limit', 30);
    return { payload: await inputs.client.contents.iterate(q ? { q } : {}, { max }).toArray() };
  },
  ignore: async (inputs) => {
    const content = await inputs.client.contents.ignore(await inputs.required('contentId'));
    return { payload: content, ids: contentIds(content) };
  },
  categories: async (inputs) => {
    const content = await inputs.client.contents.updateCategories(
      await inputs.required('contentId'),
      await inputs.list('categoryIds'),
    );
    return { payload: content, ids: contentIds(content) };
  },
};

export default function register(RED: NodeAPI): void {
  registerActionNode(RED, 'ringcx-message', MESSAGE_OPERATIONS);
}
