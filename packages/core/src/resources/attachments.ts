import type { PageParams } from '../pagination.ts';
import { Collection, type CallOptions, type WithUnknownFields } from './resource.ts';

/** An uploaded file. Downloading `url` needs the access token. */
export type Attachment = WithUnknownFields<{
  id: string;
  filename: string;
  content_type: string;
  /** Bytes. */
  size: number;
  url: string;
  embed: boolean;
  /** The key really ends with a question mark. Structured messages need public attachments. */
  'public?': boolean;
  foreign_id: string | null;
  video_metadata: unknown[];
  created_at: string;
  updated_at: string;
}>;

export interface AttachmentListParams extends PageParams {
  /** File extension, e.g. `pdf`. */
  extension?: string;
  /** ISO-8601 date-time, inclusive. */
  created_before?: string;
  /** ISO-8601 date-time, inclusive. */
  created_after?: string;
}

export interface UploadOptions {
  /** The file name RingCX shows and checks the extension of. */
  filename: string;
  /** Only public attachments can illustrate structured messages. */
  private?: boolean;
}

/** Attachments (`/attachments`), newest first. */
export class Attachments extends Collection<Attachment, AttachmentListParams> {
  protected readonly path = '/attachments';
  protected readonly idName = 'attachmentId';

  /**
   * Uploads a file (multipart field `file`) to send later with a message (`attachment_ids`). 422
   * (`compose_disabled_on_source`) when composing is disabled; the source's attachment security level
   * decides which file types its messages accept.
   */
  upload(file: Blob, upload: UploadOptions, options?: CallOptions): Promise<Attachment> {
    if (!(file instanceof Blob))
      throw new TypeError('file must be a Blob (or a File): wrap bytes in new Blob([bytes]).');
    if (typeof upload?.filename !== 'string' || !upload.filename.trim()) {
      throw new TypeError('filename is required: pass the file name with its extension, e.g. "invoice.pdf".');
    }
    const form = new FormData();
    form.append('file', file, upload.filename.trim());
    if (upload.private !== undefined) form.append('private', String(upload.private));
    return this.write('POST', this.path, form, options);
  }
}
