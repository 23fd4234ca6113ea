import type { FastifyInstance } from 'fastify';
import { page, sortBy } from '../http/lists.ts';
import {
  optionalBoolean,
  optionalHash,
  optionalString,
  optionalStringArray,
  type Params,
} from '../http/params.ts';
import { applySearch, parseSearch, searchOrder, textMatches, type Matcher } from '../http/search.ts';
import { readableContent } from '../model/access.ts';
import type { SandboxContext } from '../model/context.ts';
import {
  categorizeContent,
  createContent,
  ignoreContent,
  type CreateContentInput,
} from '../model/conversations.ts';
import { canRead } from '../model/permissions.ts';
import { renderContent } from '../model/render.ts';
import type { ContentRecord } from '../store/records.ts';
import { caller, categoryIds, paramsOf, pathParam } from './common.ts';

/** `to` is a string for SMS/WhatsApp/Messaging and a list (`to[]`) for email. */
function recipients(params: Params): Pick<CreateContentInput, 'to' | 'to_list'> {
  const raw = params.to ?? params['to[]'];
  if (Array.isArray(raw)) return { to_list: optionalStringArray(params, 'to') };
  const to = optionalString(params, 'to');
  return to === undefined ? {} : { to, to_list: [to] };
}

export function createContentInput(params: Params): CreateContentInput {
  return {
    body: optionalString(params, 'body'),
    in_reply_to_id: optionalString(params, 'in_reply_to_id'),
    source_id: optionalString(params, 'source_id'),
    author_id: optionalString(params, 'author_id'),
    private: optionalBoolean(params, 'private'),
    attachment_ids: optionalStringArray(params, 'attachment_ids'),
    auto_submitted: optionalBoolean(params, 'auto_submitted'),
    title: optionalString(params, 'title'),
    ...recipients(params),
    cc: optionalStringArray(params, 'cc'),
    bcc: optionalStringArray(params, 'bcc'),
    template_name: optionalString(params, 'template_name'),
    template_language: optionalString(params, 'template_language'),
    disable_text_input_on_thread: optionalBoolean(params, 'disable_text_input_on_thread'),
    structured_content: optionalHash(params, 'structured_content'),
  };
}

/** Messages (`contents`, REFERENCE §2.3). */
export function contentRoutes(api: FastifyInstance, ctx: SandboxContext): void {
  const { store } = ctx;

  api.get('/contents', async (request) => {
    const user = caller(request);
    const params = paramsOf(request);
    const search = parseSearch(optionalString(params, 'q'));
    const order = searchOrder(search, ['created_at'], { field: 'created_at', direction: 'desc' });
    const matchers: Record<string, Matcher<ContentRecord>> = {
      id: (content, value) => content.id === value,
      thread: (content, value) => content.thread_id === value,
      intervention: (content, value) => content.intervention_id === value,
      identity: (content, value) => content.author_id === value,
      identity_group: (content, value) =>
        store.identities.get(content.author_id)?.identity_group_id === value,
      source: (content, value) => content.source_id === value,
      status_in: (content, value) =>
        value
          .split(',')
          .map((status) => status.trim())
          .includes(content.status),
      text: (content, value) => textMatches(value, content.body, content.title),
    };
    const visible = store.contents.all().filter((content) => canRead(user, content.source_id));
    const matching = applySearch(visible, search, matchers, 'contents');
    return page(
      params,
      sortBy(matching, (content) => content.created_at, order.direction),
      (content) => renderContent(ctx, content),
    );
  });

  api.get('/contents/:contentId', async (request) => {
    return renderContent(ctx, readableContent(ctx, caller(request), pathParam(request, 'contentId')));
  });

  api.post('/contents', async (request) => {
    const user = caller(request);
    return renderContent(ctx, createContent(ctx, user, createContentInput(paramsOf(request))));
  });

  api.put('/contents/:contentId/ignore', async (request) => {
    const content = readableContent(ctx, caller(request), pathParam(request, 'contentId'));
    return renderContent(ctx, ignoreContent(ctx, content));
  });

  api.put('/contents/:contentId/update_categories', async (request) => {
    const content = readableContent(ctx, caller(request), pathParam(request, 'contentId'));
    const ids = categoryIds(ctx, paramsOf(request), 'category_ids', true)!;
    return renderContent(ctx, categorizeContent(ctx, content, ids));
  });
}
