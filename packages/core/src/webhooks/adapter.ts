import { isRingCxError, RingCxError } from '../errors.ts';
import { MemoryDedupeStore, type DedupeStore } from './dedupe.ts';
import type { WebhookHandlerOptions } from './handler.ts';
import { webhookRefusal } from './response.ts';

/** Options of the framework adapters: the handler's, with a default dedupe store and a body limit. */
export interface WebhookAdapterOptions extends Omit<WebhookHandlerOptions, 'dedupe'> {
  /**
   * Where handed-over event ids are remembered. Default: a `MemoryDedupeStore` owned by the adapter
   * (lost on restart); `null` turns deduplication off.
   */
  dedupe?: DedupeStore | null;
  /** The largest body accepted, in bytes; a larger one is refused with 413. Default 5 MiB. */
  maxBodyBytes?: number;
}

const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

/** Resolves the adapter defaults once, when the adapter is created. */
export function adapterSettings(options: WebhookAdapterOptions): {
  handlerOptions: WebhookHandlerOptions;
  maxBodyBytes: number;
} {
  const { maxBodyBytes = DEFAULT_MAX_BODY_BYTES, dedupe, ...rest } = options;
  return {
    handlerOptions: { ...rest, dedupe: dedupe === undefined ? new MemoryDedupeStore() : dedupe },
    maxBodyBytes,
  };
}

/** Refuses a body that announces, or turns out to be, larger than the limit. */
export function assertBodySize(bytes: number, maxBodyBytes: number): void {
  if (bytes > maxBodyBytes) {
    throw webhookRefusal(413, `Request body too large: more than ${maxBodyBytes} bytes.`);
  }
}

/** A failure while reading the body, as the refusal to answer (413 as thrown, anything else 400). */
export function bodyReadRefusal(error: unknown): RingCxError {
  if (isRingCxError(error, 'webhook')) return error;
  return new RingCxError({
    kind: 'webhook',
    status: 400,
    message: `The request body could not be read: ${error instanceof Error ? error.message : String(error)}`,
    cause: error,
  });
}
