import type { ReplyParams, StructuredContent } from '@ringcx-connectors/core/portable';
import { NodeOperationError, type IDataObject, type INode, type INodeProperties } from 'n8n-workflow';
import type { Operation } from '../common.ts';
import { readId } from '../common.ts';
import { idList, optionalText } from '../../../shared/params.ts';
import { messageIdField } from './fields.ts';

export const description: INodeProperties[] = [
  messageIdField('The message to answer, usually the customer message that started the workflow'),
  {
    displayName: 'Text',
    name: 'text',
    type: 'string',
    typeOptions: { rows: 4 },
    default: '',
    required: true,
    description: 'What to send to the customer',
  },
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    options: [
      {
        displayName: 'Attachment IDs',
        name: 'attachmentIds',
        type: 'string',
        default: '',
        placeholder: 'e.g. 5f3d0f1e2a9b8c7d6e5f4a3b, 5f3d0f1e2a9b8c7d6e5f4a3c',
        description: 'Comma-separated IDs of files already uploaded to RingCX to send along',
      },
      {
        displayName: 'Author Identity ID',
        name: 'authorId',
        type: 'string',
        default: '',
        description:
          "The identity to reply as, when the token's user has several on this source. By default RingCX picks it.",
      },
      {
        displayName: 'Format',
        name: 'bodyFormat',
        type: 'options',
        options: [
          { name: 'HTML', value: 'html' },
          { name: 'Text', value: 'text' },
        ],
        default: 'text',
        description: 'Whether the text is plain text or HTML (for sources that support HTML, such as email)',
      },
      {
        displayName: 'Private',
        name: 'private',
        type: 'boolean',
        default: false,
        description:
          "Whether to send the reply as a private message (direct message). On private channels such as chat, match the customer's message: set it with an expression reading the Private flag of the trigger's message.",
      },
      {
        displayName: 'Structured Content (JSON)',
        name: 'structuredContent',
        type: 'json',
        default: '',
        placeholder: '{ "type": "select", "items": [ ... ] }',
        description:
          'Quick replies, cards or carousels for the sources that support them, as RingCX structured content; the text stays as fallback',
      },
      {
        displayName: 'Title',
        name: 'title',
        type: 'string',
        default: '',
        description: 'Subject line, for email sources',
      },
    ],
  },
];

export const execute: Operation['execute'] = async function (client, itemIndex) {
  const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
  const params: ReplyParams = { body: String(this.getNodeParameter('text', itemIndex, '')) };
  if (options.private !== undefined) params.private = options.private as boolean;
  const authorId = optionalText(options.authorId);
  if (authorId) params.author_id = authorId;
  const attachments = idList(options.attachmentIds);
  if (attachments.length) params.attachment_ids = attachments;
  if (options.bodyFormat) params.body_format = options.bodyFormat as 'text' | 'html';
  const title = optionalText(options.title);
  if (title) params.title = title;
  const structured = readStructuredContent(this.getNode(), options.structuredContent, itemIndex);
  if (structured) params.structured_content = structured;
  return await client.contents.reply(readId(this, 'messageId', itemIndex), params);
};

function readStructuredContent(
  node: INode,
  value: unknown,
  itemIndex: number,
): StructuredContent | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new NodeOperationError(
        node,
        'Structured Content is not valid JSON: check the brackets, quotes and commas.',
        { itemIndex },
      );
    }
  }
  if (!parsed || typeof parsed !== 'object' || typeof (parsed as IDataObject).type !== 'string') {
    throw new NodeOperationError(node, 'Structured Content needs a "type", e.g. { "type": "select", ... }.', {
      itemIndex,
    });
  }
  return parsed as StructuredContent;
}
