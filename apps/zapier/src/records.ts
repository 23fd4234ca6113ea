/**
 * Samples and output fields for each kind of record the app returns. Samples are realistic records
 * as the API answers them (ids are 24-character hex strings, dates ISO-8601 UTC); output fields give
 * Zapier's field picker human labels. Nested values use Zapier's `__` path syntax.
 */

interface OutputField {
  key: string;
  label: string;
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'datetime';
  list?: boolean;
  primary?: boolean;
}

interface RecordShape {
  sample: Record<string, unknown>;
  outputFields: OutputField[];
}

export const thread: RecordShape = {
  sample: {
    id: '9c9903dc3d559a6801ec5441',
    source_id: 'd19c81948c137d86dac77216',
    title: 'Modem keeps disconnecting',
    closed: false,
    contents_count: 4,
    interventions_count: 1,
    category_ids: ['4d0fb475b242228a32cbdf6d', '59248c4dae276a041cb296d2'],
    thread_category_ids: ['4d0fb475b242228a32cbdf6d'],
    extra_data: { page_url: 'https://www.example.com/support' },
    foreign_id: 'ab-2031',
    created_at: '2026-11-24T14:24:44Z',
    updated_at: '2026-11-24T18:10:12Z',
    last_content_at: '2026-11-24T18:10:12Z',
  },
  outputFields: [
    { key: 'id', label: 'Thread ID' },
    { key: 'title', label: 'Title' },
    { key: 'source_id', label: 'Source ID' },
    { key: 'closed', label: 'Closed', type: 'boolean' },
    { key: 'contents_count', label: 'Number of Messages', type: 'integer' },
    { key: 'interventions_count', label: 'Number of Interventions', type: 'integer' },
    { key: 'thread_category_ids', label: 'Thread Category IDs', list: true },
    { key: 'category_ids', label: 'All Category IDs', list: true },
    { key: 'foreign_id', label: 'ID on the Channel' },
    { key: 'created_at', label: 'Created At', type: 'datetime' },
    { key: 'updated_at', label: 'Updated At', type: 'datetime' },
    { key: 'last_content_at', label: 'Last Message At', type: 'datetime' },
  ],
};

export const message: RecordShape = {
  sample: {
    id: '73f1cb2938229d7fa222d096',
    source_id: 'd19c81948c137d86dac77216',
    source_type: 'emails',
    source_url: null,
    thread_id: '9c9903dc3d559a6801ec5441',
    intervention_id: null,
    author_id: '4f0aa52d656a3d75867f784c',
    creator_id: null,
    in_reply_to_id: null,
    in_reply_to_author_id: null,
    foreign_id: '<CAF9x2@mail.example.com>',
    type: 'email',
    created_from: 'synchronizer',
    status: 'new',
    private_message: false,
    published: true,
    approval_required: false,
    remotely_deleted: false,
    auto_submitted: false,
    first_in_thread: true,
    language: 'en',
    title: 'Modem keeps disconnecting',
    body: 'Hello,\n\nMy modem disconnects every evening since Monday. Can you help?\n\nThanks, Ada',
    body_formatted: {
      text: 'Hello,\n\nMy modem disconnects every evening since Monday. Can you help?\n\nThanks, Ada',
      html: '<p>Hello,</p>\n\n<p>My modem disconnects every evening since Monday. Can you help?</p>\n\n<p>Thanks, Ada</p>',
    },
    body_input_format: 'text',
    attachments_count: 0,
    attachments: [],
    category_ids: [],
    synchronization_status: 'success',
    created_at: '2026-11-24T14:24:44Z',
    updated_at: '2026-11-24T14:24:44Z',
  },
  outputFields: [
    { key: 'id', label: 'Message ID' },
    { key: 'thread_id', label: 'Thread ID' },
    { key: 'source_id', label: 'Source ID' },
    { key: 'source_type', label: 'Source Type' },
    { key: 'intervention_id', label: 'Intervention ID' },
    { key: 'author_id', label: 'Author Identity ID' },
    { key: 'creator_id', label: 'Created by User ID' },
    { key: 'in_reply_to_id', label: 'In Reply to Message ID' },
    { key: 'title', label: 'Subject' },
    { key: 'body', label: 'Body' },
    { key: 'body_formatted__text', label: 'Body (Plain Text)' },
    { key: 'body_formatted__html', label: 'Body (HTML)' },
    { key: 'status', label: 'Status' },
    { key: 'type', label: 'Type' },
    { key: 'private_message', label: 'Private', type: 'boolean' },
    { key: 'first_in_thread', label: 'First in Thread', type: 'boolean' },
    { key: 'language', label: 'Language' },
    { key: 'attachments_count', label: 'Number of Attachments', type: 'integer' },
    { key: 'category_ids', label: 'Category IDs', list: true },
    { key: 'synchronization_status', label: 'Delivery Status' },
    { key: 'created_at', label: 'Created At', type: 'datetime' },
  ],
};

export const intervention: RecordShape = {
  sample: {
    id: '3f55c8330da4144afd1c6728',
    source_id: 'd19c81948c137d86dac77216',
    thread_id: '9c9903dc3d559a6801ec5441',
    content_id: '73f1cb2938229d7fa222d096',
    identity_id: '4f0aa52d656a3d75867f784c',
    user_id: 'd033e22ae348feb5660fc214',
    status: 'Closed',
    closed: true,
    closed_at: '2026-11-24T16:02:32Z',
    deferred_at: null,
    category_ids: ['4d0fb475b242228a32cbdf6d'],
    custom_fields: { order_number: '342901' },
    comments_count: 0,
    user_replies_count: 1,
    first_user_reply_id: '573446514379728247000001',
    first_user_reply_in: 312,
    user_reply_in_average: 312,
    created_at: '2026-11-24T14:25:28Z',
    updated_at: '2026-11-24T16:02:32Z',
  },
  outputFields: [
    { key: 'id', label: 'Intervention ID' },
    { key: 'thread_id', label: 'Thread ID' },
    { key: 'content_id', label: 'Opened on Message ID' },
    { key: 'source_id', label: 'Source ID' },
    { key: 'identity_id', label: 'Customer Identity ID' },
    { key: 'user_id', label: 'Owner User ID' },
    { key: 'status', label: 'Status' },
    { key: 'closed', label: 'Closed', type: 'boolean' },
    { key: 'closed_at', label: 'Closed At', type: 'datetime' },
    { key: 'deferred_at', label: 'Deferred At', type: 'datetime' },
    { key: 'category_ids', label: 'Category IDs', list: true },
    { key: 'comments_count', label: 'Number of Comments', type: 'integer' },
    { key: 'user_replies_count', label: 'Number of Agent Replies', type: 'integer' },
    { key: 'first_user_reply_in', label: 'First Reply Time (Seconds)', type: 'integer' },
    { key: 'user_reply_in_average', label: 'Average Reply Time (Seconds)', type: 'integer' },
    { key: 'created_at', label: 'Opened At', type: 'datetime' },
    { key: 'updated_at', label: 'Updated At', type: 'datetime' },
  ],
};

export const identity: RecordShape = {
  sample: {
    id: '4f0aa52d656a3d75867f784c',
    type: 'email',
    community_id: '5f1b2c3d4e5f60718293a4b5',
    foreign_id: 'ada@example.com',
    uuid: null,
    screenname: 'ada@example.com',
    display_name: 'Ada Lovelace',
    firstname: 'Ada',
    lastname: 'Lovelace',
    email: 'ada@example.com',
    mobile_phone: null,
    company: 'Analytical Engines Ltd',
    avatar_url: null,
    identity_group_id: '61a2b3c4d5e6f70819a2b3c4',
    user_ids: [],
    created_at: '2026-10-02T09:12:00Z',
    updated_at: '2026-11-24T14:24:44Z',
  },
  outputFields: [
    { key: 'id', label: 'Identity ID' },
    { key: 'display_name', label: 'Display Name' },
    { key: 'screenname', label: 'Screen Name' },
    { key: 'firstname', label: 'First Name' },
    { key: 'lastname', label: 'Last Name' },
    { key: 'email', label: 'Email' },
    { key: 'mobile_phone', label: 'Mobile Phone' },
    { key: 'company', label: 'Company' },
    { key: 'foreign_id', label: 'ID on the Channel' },
    { key: 'type', label: 'Channel Type' },
    { key: 'community_id', label: 'Community ID' },
    { key: 'identity_group_id', label: 'Identity Group ID' },
    { key: 'created_at', label: 'Created At', type: 'datetime' },
  ],
};

export const handOver: RecordShape = {
  sample: {
    id: '9c9903dc3d559a6801ec5441',
    thread_id: '9c9903dc3d559a6801ec5441',
    handed_over: true,
    thread_category_ids: ['59248c4dae276a041cb296d2'],
    available_agents: 3,
    reason: null,
  },
  outputFields: [
    { key: 'thread_id', label: 'Thread ID' },
    { key: 'handed_over', label: 'Handed Over', type: 'boolean' },
    { key: 'thread_category_ids', label: 'Thread Category IDs', list: true },
    { key: 'available_agents', label: 'Available Agents', type: 'integer' },
    { key: 'reason', label: 'Why Not Handed Over' },
  ],
};
