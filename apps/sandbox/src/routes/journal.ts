import type { FastifyInstance } from 'fastify';
import { notFound } from '../http/errors.ts';
import { page, sortBy } from '../http/lists.ts';
import { optionalString } from '../http/params.ts';
import { applySearch, parseSearch, searchDate, searchOrder, type Matcher } from '../http/search.ts';
import type { SandboxContext } from '../model/context.ts';
import { requirePermission } from '../model/permissions.ts';
import { renderJournalEvent } from '../model/render.ts';
import type { JournalRecord } from '../store/records.ts';
import { caller, paramsOf, pathParam } from './common.ts';

/** The events journal (`GET /1.0/events`): every event the sandbox emitted, newest first (REFERENCE §2.10). */
export function journalRoutes(api: FastifyInstance, ctx: SandboxContext): void {
  const { store } = ctx;

  api.get('/events', async (request) => {
    const user = caller(request);
    requirePermission(store, user, 'search_event', 'search the events journal');
    const params = paramsOf(request);
    const search = parseSearch(optionalString(params, 'q'));
    const order = searchOrder(search, ['created_at'], { field: 'created_at', direction: 'desc' });
    const now = ctx.clock.now();
    const info = (event: JournalRecord, key: string) => event.extra_infos[key];
    const matchers: Record<string, Matcher<JournalRecord>> = {
      content: (event, value) => info(event, 'content_id') === value,
      content_thread: (event, value) => info(event, 'content_thread_id') === value,
      name_in: (event, value) =>
        value
          .split(',')
          .map((name) => name.trim())
          .includes(event.name),
      created_before: (event, value) =>
        Date.parse(event.created_at) < searchDate('created_before', value, now).getTime(),
      created_after: (event, value) =>
        Date.parse(event.created_at) > searchDate('created_after', value, now).getTime(),
      user: (event, value) => event.user_id === value,
    };
    const matching = applySearch(store.journal.all(), search, matchers, 'events');
    return page(
      params,
      sortBy(matching, (event) => event.created_at, order.direction),
      renderJournalEvent,
    );
  });

  api.get('/events/:eventId', async (request) => {
    const user = caller(request);
    const id = pathParam(request, 'eventId');
    const event = store.journal.get(id);
    if (!event || !(user.id === event.user_id || store.roles.get(user.role_id)?.permissions.read_event))
      throw notFound('event', id);
    return renderJournalEvent(event);
  });
}
