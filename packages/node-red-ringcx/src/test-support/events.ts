/** A `content.imported` event as RingCX sends it for a customer's message. */
export function customerMessage(id: string, overrides: Record<string, unknown> = {}) {
  return {
    type: 'content.imported',
    id: `event-${id}`,
    issued_at: '2026-11-25T10:00:00.000Z',
    resource: {
      type: 'messaging/message',
      id,
      metadata: {
        id,
        author_id: 'identity-customer',
        creator_id: null,
        body: 'Where is my order?',
        status: 'new',
        private: true,
        first_in_thread: true,
        thread_id: 'thread-1',
        source_id: 'source-1',
        intervention_id: null,
        category_ids: [],
        ...overrides,
      },
    },
  };
}

export function delivery(id: string, events: unknown[]) {
  return { id, domain_id: 'domain-1', events };
}
