import type { FastifyInstance } from 'fastify';
import { page, sortBy } from '../http/lists.ts';
import { optionalString } from '../http/params.ts';
import {
  applySearch,
  parseSearch,
  searchBoolean,
  searchDate,
  searchOrder,
  textMatches,
  type Matcher,
} from '../http/search.ts';
import { readableThread } from '../model/access.ts';
import type { SandboxContext } from '../model/context.ts';
import { canRead } from '../model/permissions.ts';
import { renderThread, threadCategoryUnion } from '../model/render.ts';
import { indexThreads, type ThreadParts } from '../model/thread-index.ts';
import { categorizeThread, closeThread, ignoreThread, openThread, setTextInput } from '../model/threads.ts';
import type { ThreadRecord } from '../store/records.ts';
import { caller, categoryIds, paramsOf, pathParam } from './common.ts';

interface ThreadRow {
  id: string;
  thread: ThreadRecord;
  parts: ThreadParts;
}

/** Threads (`content_threads`, REFERENCE §2.2); searching with the keywords of §1.10. */
export function threadRoutes(api: FastifyInstance, ctx: SandboxContext): void {
  const { store } = ctx;

  api.get('/content_threads', async (request) => {
    const user = caller(request);
    const params = paramsOf(request);
    const search = parseSearch(optionalString(params, 'q'));
    const order = searchOrder(search, ['created_at', 'last_content_at'], {
      field: 'last_content_at',
      direction: 'desc',
    });
    const partsOf = indexThreads(ctx);
    const rows: ThreadRow[] = store.threads
      .all()
      .filter((thread) => canRead(user, thread.source_id))
      .map((thread) => ({ id: thread.id, thread, parts: partsOf(thread.id) }));
    const now = ctx.clock.now();
    const date = (keyword: string, value: string) => searchDate(keyword, value, now).getTime();
    const identityOf = (row: ThreadRow) => [
      row.thread.identity_id,
      ...row.parts.contents.map((content) => content.author_id),
    ];
    const assignedTo = (row: ThreadRow, userId: string, activeOnly: boolean) =>
      row.parts.interventions.some(
        (intervention) =>
          intervention.user_id === userId && (!activeOnly || intervention.status !== 'closed'),
      );
    const active = (row: ThreadRow) =>
      row.parts.interventions.some((intervention) => intervention.status !== 'closed');
    const matchers: Record<string, Matcher<ThreadRow>> = {
      source: (row, value) => row.thread.source_id === value,
      identity: (row, value) => identityOf(row).includes(value),
      identity_group: (row, value) =>
        identityOf(row).some((id) => id !== null && store.identities.get(id)?.identity_group_id === value),
      text: (row, value) =>
        textMatches(value, row.thread.title) ||
        row.parts.contents.some((content) => textMatches(value, content.body, content.title)),
      status_in: (row, value) => {
        const statuses = value.split(',').map((status) => status.trim());
        return row.parts.contents.some((content) => statuses.includes(content.status));
      },
      categorized: (row, value) =>
        threadCategoryUnion(row.thread, row.parts).length > 0 === searchBoolean('categorized', value),
      categorized_in: (row, value) => threadCategoryUnion(row.thread, row.parts).includes(value),
      not_categorized_in: (row, value) => !threadCategoryUnion(row.thread, row.parts).includes(value),
      first_content_before: (row, value) =>
        Date.parse(row.thread.created_at) < date('first_content_before', value),
      first_content_after: (row, value) =>
        Date.parse(row.thread.created_at) > date('first_content_after', value),
      last_content_before: (row, value) =>
        Date.parse(row.thread.last_content_at) < date('last_content_before', value),
      last_content_after: (row, value) =>
        Date.parse(row.thread.last_content_at) > date('last_content_after', value),
      foreign: (row, value) => row.thread.foreign_id === value,
      // MSBOT's spelling of `foreign` (REFERENCE §11.9); both are accepted.
      foreign_id: (row, value) => row.thread.foreign_id === value,
      language: (_row, value) => value === 'en',
      assigned: (row, value) => row.parts.interventions.length > 0 === searchBoolean('assigned', value),
      assigned_to: (row, value) => assignedTo(row, value, false),
      assigned_to_me: (row, value) =>
        assignedTo(row, user.id, false) === searchBoolean('assigned_to_me', value),
      active_and_assigned: (row, value) => active(row) === searchBoolean('active_and_assigned', value),
      active_and_assigned_to: (row, value) => assignedTo(row, value, true),
      active_and_assigned_to_me: (row, value) =>
        assignedTo(row, user.id, true) === searchBoolean('active_and_assigned_to_me', value),
      opened_and_assigned: (row, value) => active(row) === searchBoolean('opened_and_assigned', value),
      opened_and_assigned_to: (row, value) => assignedTo(row, value, true),
      opened_and_assigned_to_me: (row, value) =>
        assignedTo(row, user.id, true) === searchBoolean('opened_and_assigned_to_me', value),
    };
    const matching = applySearch(rows, search, matchers, 'threads');
    const sorted = sortBy(
      matching,
      (row) => (order.field === 'created_at' ? row.thread.created_at : row.thread.last_content_at),
      order.direction,
    );
    return page(params, sorted, (row) => renderThread(ctx, row.thread, row.parts));
  });

  api.get('/content_threads/:threadId', async (request) => {
    return renderThread(ctx, readableThread(ctx, caller(request), pathParam(request, 'threadId')));
  });

  api.put('/content_threads/:threadId/close', async (request) => {
    const user = caller(request);
    return renderThread(
      ctx,
      closeThread(ctx, user, readableThread(ctx, user, pathParam(request, 'threadId'))),
    );
  });

  // The API opens threads with GET (REFERENCE §1.2).
  api.get('/content_threads/:threadId/open', async (request) => {
    const user = caller(request);
    return renderThread(
      ctx,
      openThread(ctx, user, readableThread(ctx, user, pathParam(request, 'threadId'))),
    );
  });

  api.put('/content_threads/:threadId/ignore', async (request) => {
    const user = caller(request);
    return renderThread(ctx, ignoreThread(ctx, readableThread(ctx, user, pathParam(request, 'threadId'))));
  });

  api.put('/content_threads/:threadId/update_categories', async (request) => {
    const user = caller(request);
    const thread = readableThread(ctx, user, pathParam(request, 'threadId'));
    const ids = categoryIds(ctx, paramsOf(request), 'thread_category_ids', true)!;
    return renderThread(ctx, categorizeThread(ctx, thread, ids));
  });

  for (const [action, disabled] of [
    ['disable_text_input', true],
    ['enable_text_input', false],
  ] as const) {
    api.put(`/content_threads/:threadId/${action}`, async (request) => {
      const user = caller(request);
      const thread = readableThread(ctx, user, pathParam(request, 'threadId'));
      return renderThread(ctx, setTextInput(ctx, user, thread, disabled));
    });
  }
}
