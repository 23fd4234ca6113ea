import type { FastifyInstance } from 'fastify';
import { ApiError, validationError } from '../http/errors.ts';
import { page, sortBy } from '../http/lists.ts';
import { optionalString } from '../http/params.ts';
import { searchDate } from '../http/search.ts';
import { freshId, now, type SandboxContext } from '../model/context.ts';
import { renderAttachment } from '../model/render.ts';
import { caller, found, paramsOf, pathParam } from './common.ts';

/** Largest upload, as web messaging allows (REFERENCE §2.8). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const TRUE = new Set(['true', '1', '=1', 'on', 'yes']);

/** Files uploaded to be sent later with a message (REFERENCE §2.8). */
export function attachmentRoutes(api: FastifyInstance, ctx: SandboxContext): void {
  const { store } = ctx;

  api.post('/attachments', async (request) => {
    caller(request);
    if (!request.isMultipart()) {
      throw validationError(
        'Send the file as multipart/form-data in a field named "file" (curl -F file=@path).',
      );
    }
    const parts = request.parts({ limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1 } });
    let upload: { filename: string; mimetype: string; data: Buffer } | undefined;
    let isPrivate = false;
    for await (const part of parts) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          continue;
        }
        let data: Buffer;
        try {
          data = await part.toBuffer();
        } catch (error) {
          if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
            throw new ApiError(
              422,
              'file_too_large',
              `The file is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`,
            );
          }
          throw error;
        }
        upload = { filename: part.filename, mimetype: part.mimetype, data };
      } else if (part.fieldname === 'private') {
        isPrivate = TRUE.has(String(part.value).toLowerCase());
      }
    }
    if (!upload) throw validationError('No "file" field in the form: send the file as file=@path.');
    if (upload.data.length === 0) throw validationError(`The file "${upload.filename}" is empty.`);
    const timestamp = now(ctx);
    return renderAttachment(
      ctx,
      store.attachments.insert({
        id: freshId(ctx),
        filename: upload.filename,
        content_type: upload.mimetype,
        size: upload.data.length,
        public: !isPrivate,
        data: upload.data.toString('base64'),
        created_at: timestamp,
        updated_at: timestamp,
      }),
    );
  });

  api.get('/attachments', async (request) => {
    caller(request);
    const params = paramsOf(request);
    const extension = optionalString(params, 'extension')?.toLowerCase().replace(/^\./, '');
    const clock = ctx.clock.now();
    const before = optionalString(params, 'created_before');
    const after = optionalString(params, 'created_after');
    const beforeMs = before === undefined ? undefined : searchDate('created_before', before, clock).getTime();
    const afterMs = after === undefined ? undefined : searchDate('created_after', after, clock).getTime();
    const matching = store.attachments.all().filter((attachment) => {
      const created = Date.parse(attachment.created_at);
      return (
        (extension === undefined || attachment.filename.toLowerCase().endsWith(`.${extension}`)) &&
        (beforeMs === undefined || created <= beforeMs) &&
        (afterMs === undefined || created >= afterMs)
      );
    });
    return page(
      params,
      sortBy(matching, (attachment) => attachment.created_at, 'desc'),
      (attachment) => renderAttachment(ctx, attachment),
    );
  });

  api.get('/attachments/:attachmentId', async (request) => {
    caller(request);
    const id = pathParam(request, 'attachmentId');
    return renderAttachment(ctx, found(store.attachments.get(id), 'attachment', id));
  });
}
